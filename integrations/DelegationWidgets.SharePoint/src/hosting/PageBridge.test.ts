import {
  installHostBridge,
  IHostBridge,
  isFormId,
  loadWidgetLoader,
  normalizeApiUrl,
  renderWidget,
  widgetLanguage
} from './PageBridge';

interface ITestWindow {
  dwHost?: unknown;
}

const API: string = 'https://dw.example/';

function page(): ITestWindow {
  return window as unknown as ITestWindow;
}

describe('normalizeApiUrl', () => {
  it('adds the trailing slash to an https address', () => {
    expect(normalizeApiUrl('https://dw.example')).toBe('https://dw.example/');
    expect(normalizeApiUrl(' https://dw.example/delegation ')).toBe('https://dw.example/delegation/');
  });

  it('refuses plain http except on localhost', () => {
    expect(normalizeApiUrl('http://dw.example/')).toBeUndefined();
    expect(normalizeApiUrl('http://localhost:5080')).toBe('http://localhost:5080/');
  });

  it('refuses relative, empty and credential-bearing values', () => {
    expect(normalizeApiUrl('')).toBeUndefined();
    expect(normalizeApiUrl('/widgets/')).toBeUndefined();
    expect(normalizeApiUrl('https://user:secret@dw.example/')).toBeUndefined();
    expect(normalizeApiUrl('https://dw.example/?api=1')).toBeUndefined();
  });
});

describe('isFormId and widgetLanguage', () => {
  it('accepts kebab-case form ids only', () => {
    expect(isFormId('reset-password')).toBe(true);
    expect(isFormId('Reset Password')).toBe(false);
    expect(isFormId('')).toBe(false);
  });

  it('speaks Dutch on Dutch pages and English otherwise', () => {
    expect(widgetLanguage('nl-NL')).toBe('nl');
    expect(widgetLanguage('en-US')).toBe('en');
    expect(widgetLanguage('de-DE')).toBe('en');
  });
});

describe('installHostBridge', () => {
  afterEach(() => {
    delete page().dwHost;
  });

  it('defines window.dwHost that asks the token source, passing forceRefresh on', async () => {
    const asked: boolean[] = [];
    const problem: string | undefined = installHostBridge(window, API, (forceRefresh: boolean) => {
      asked.push(forceRefresh);
      return Promise.resolve(`token-${asked.length}`);
    }, 'nl');

    const bridge: IHostBridge = page().dwHost as IHostBridge;
    expect(problem).toBeUndefined();
    expect(await bridge.getToken({ forceRefresh: false })).toBe('token-1');
    expect(await bridge.getToken({ forceRefresh: true })).toBe('token-2');
    expect(asked).toEqual([false, true]);
    expect(bridge.context()).toEqual({ ticket: null, reason: null, target: null, lang: 'nl' });
  });

  it('keeps the first bridge for a second web part of the same API', () => {
    installHostBridge(window, API, () => Promise.resolve('first'), 'en');
    const first: unknown = page().dwHost;

    expect(installHostBridge(window, API, () => Promise.resolve('second'), 'en')).toBeUndefined();
    expect(page().dwHost).toBe(first);
  });

  it('reports a web part for another API and leaves a foreign bridge alone', () => {
    installHostBridge(window, API, () => Promise.resolve('first'), 'en');
    expect(installHostBridge(window, 'https://other.example/', () => Promise.resolve('x'), 'en')).toContain(API);

    const foreign: object = { getToken: () => Promise.resolve('theirs') };
    page().dwHost = foreign;
    expect(installHostBridge(window, API, () => Promise.resolve('ours'), 'en')).toContain('already defines window.dwHost');
    expect(page().dwHost).toBe(foreign);
  });
});

describe('loadWidgetLoader', () => {
  afterEach(() => {
    document.head.innerHTML = '';
  });

  it('adds loader.js from the API once per page and resolves when it has loaded', async () => {
    const first: Promise<void> = loadWidgetLoader(document, API);
    const second: Promise<void> = loadWidgetLoader(document, API);
    const scripts: NodeListOf<HTMLScriptElement> = document.querySelectorAll('script');

    expect(scripts.length).toBe(1);
    expect(scripts[0].src).toBe('https://dw.example/widgets/loader.js');
    scripts[0].dispatchEvent(new Event('load'));
    await Promise.all([first, second]);
    await loadWidgetLoader(document, API);
    expect(document.querySelectorAll('script').length).toBe(1);
  });

  it('names the trusted script sources when loader.js cannot load', async () => {
    const loading: Promise<void> = loadWidgetLoader(document, API);
    document.querySelector('script')!.dispatchEvent(new Event('error'));

    await expect(loading).rejects.toThrow(/trusted script sources/);
  });
});

describe('renderWidget', () => {
  it('puts a dw-form with the form, ticket and language in the container', () => {
    const container: HTMLDivElement = document.createElement('div');

    const element: HTMLElement = renderWidget(container, { view: 'form', formId: 'unlock-account', ticket: 'INC0012345', lang: 'nl' });

    expect(element.localName).toBe('dw-form');
    expect(element.getAttribute('form')).toBe('unlock-account');
    expect(element.getAttribute('ticket')).toBe('INC0012345');
    expect(element.getAttribute('lang')).toBe('nl');
    expect(container.children.length).toBe(1);
  });

  it('updates the element in place and swaps it for dw-catalog when the view changes', () => {
    const container: HTMLDivElement = document.createElement('div');
    const form: HTMLElement = renderWidget(container, { view: 'form', formId: 'unlock-account', ticket: 'INC1', lang: 'en' });

    expect(renderWidget(container, { view: 'form', formId: 'reset-password', ticket: '', lang: 'en' })).toBe(form);
    expect(form.getAttribute('form')).toBe('reset-password');
    expect(form.hasAttribute('ticket')).toBe(false);

    const catalog: HTMLElement = renderWidget(container, { view: 'catalog', formId: 'reset-password', ticket: '', lang: 'en' });
    expect(catalog.localName).toBe('dw-catalog');
    expect(catalog.hasAttribute('form')).toBe(false);
    expect(container.querySelectorAll('dw-form').length).toBe(0);
  });
});
