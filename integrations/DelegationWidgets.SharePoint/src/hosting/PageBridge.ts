// The page's side of the DelegationWidgets contract, without SharePoint types, so it also runs in a plain page (the
// browser tests load it that way): window.dwHost = { getToken({ forceRefresh }), context() }, loader.js from the API's
// origin once per page, and the <dw-form> / <dw-catalog> element with its attributes.

/** Gets a bearer token for the DelegationWidgets API; forceRefresh: the API refused the last one. */
export type TokenSource = (forceRefresh: boolean) => Promise<string>;

/** What the widget shows. */
export type WidgetView = 'form' | 'catalog';

/** The web part's settings that become the element's attributes. */
export interface IWidgetSettings {
  view: WidgetView;
  formId: string;
  ticket: string;
  lang: string;
}

/** The bridge the widgets call; `sharePointApi` marks the one this package installed. */
export interface IHostBridge {
  getToken(options?: { forceRefresh?: boolean }): Promise<string>;
  context(): { ticket: string | null; reason: string | null; target: string | null; lang: string };
  sharePointApi: string;
}

interface IBridgeWindow {
  dwHost?: unknown;
}

const FORM_ID: RegExp = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const LOADER_MARK: string = 'data-dw-loader';

/**
 * The API's base address with a trailing slash (`https://dw.example/`), or undefined when the value is not an absolute
 * https address (plain http only for localhost, for development).
 */
export function normalizeApiUrl(value: string | undefined): string | undefined {
  if (!value || !value.trim()) {
    return undefined;
  }

  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }

  const local: boolean = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    return undefined;
  }

  if (url.search || url.hash || url.username || url.password) {
    return undefined;
  }

  return url.origin + url.pathname.replace(/\/*$/, '/');
}

/** True for a form id the API can have (kebab-case). */
export function isFormId(value: string | undefined): boolean {
  return !!value && FORM_ID.test(value);
}

/** The two-letter language the widgets speak (en, nl) from a culture name such as nl-NL. */
export function widgetLanguage(culture: string | undefined): string {
  const language: string = (culture || 'en').split('-')[0].toLowerCase();
  return language === 'nl' ? 'nl' : 'en';
}

/**
 * Installs window.dwHost for the API at apiUrl. A second web part on the page for the same API keeps the first one's
 * bridge; a bridge for another API or one this package did not install is left alone and reported.
 */
export function installHostBridge(target: Window, apiUrl: string, tokens: TokenSource, lang: string): string | undefined {
  const page: IBridgeWindow = target as unknown as IBridgeWindow;
  const existing: IHostBridge | undefined = page.dwHost as IHostBridge | undefined;
  if (existing) {
    if (typeof existing.sharePointApi !== 'string') {
      return 'Another script on this page already defines window.dwHost.';
    }

    return existing.sharePointApi === apiUrl ? undefined : `Another DelegationWidgets web part on this page uses ${existing.sharePointApi}; one page can use one API.`;
  }

  const bridge: IHostBridge = {
    getToken: (options?: { forceRefresh?: boolean }): Promise<string> => tokens(!!(options && options.forceRefresh)),
    context: () => ({ ticket: null, reason: null, target: null, lang }),
    sharePointApi: apiUrl
  };
  page.dwHost = bridge;
  return undefined;
}

/** Adds `<script src="{apiUrl}widgets/loader.js">` once per page; resolves when it has run. */
export function loadWidgetLoader(document: Document, apiUrl: string): Promise<void> {
  const src: string = `${apiUrl}widgets/loader.js`;
  const scripts: HTMLScriptElement[] = Array.prototype.slice.call(document.querySelectorAll(`script[${LOADER_MARK}]`));
  const existing: HTMLScriptElement | undefined = scripts.filter((s: HTMLScriptElement) => s.src === src)[0];
  if (existing) {
    return existing.getAttribute(LOADER_MARK) === 'loaded' ? Promise.resolve() : waitFor(existing, src);
  }

  const script: HTMLScriptElement = document.createElement('script');
  script.src = src;
  script.setAttribute(LOADER_MARK, 'loading');
  const loaded: Promise<void> = waitFor(script, src);
  document.head.appendChild(script);
  return loaded;
}

function waitFor(script: HTMLScriptElement, src: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    script.addEventListener('load', () => {
      script.setAttribute(LOADER_MARK, 'loaded');
      resolve();
    });
    script.addEventListener('error', () => {
      reject(new Error(`${src} could not be loaded. Is ${new URL(src).origin} reachable, and is it listed in SharePoint's trusted script sources?`));
    });
  });
}

/** Creates the widget element for the settings, or updates the one already there; returns it. */
export function renderWidget(container: HTMLElement, settings: IWidgetSettings): HTMLElement {
  const tag: string = settings.view === 'catalog' ? 'dw-catalog' : 'dw-form';
  let element: HTMLElement | null = container.querySelector('dw-form, dw-catalog');
  if (!element || element.localName !== tag) {
    if (element) {
      element.remove();
    }

    element = container.ownerDocument.createElement(tag);
    container.appendChild(element);
  }

  setAttribute(element, 'form', settings.view === 'form' ? settings.formId : '');
  setAttribute(element, 'ticket', settings.ticket);
  setAttribute(element, 'lang', settings.lang);
  return element;
}

function setAttribute(element: HTMLElement, name: string, value: string): void {
  const text: string = (value || '').trim();
  if (!text) {
    element.removeAttribute(name);
  } else if (element.getAttribute(name) !== text) {
    element.setAttribute(name, text);
  }
}
