// Runs the widget's server script and client controller outside ServiceNow, with stand-ins for the few platform APIs
// they use (gs, GlideRecord, GlideDateTime, $sp, sn_auth.GlideJWTAPI; c.server.get, spUtil). Node's own test runner:
//   node --test integrations/DelegationWidgets.ServiceNow/test/
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const src = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'widget');
const serverScript = readFileSync(join(src, 'server_script.js'), 'utf8');
const clientScript = readFileSync(join(src, 'client_script.js'), 'utf8');
const linkScript = readFileSync(join(src, 'link.js'), 'utf8');

// Values made in the script's own realm compare by structure only after a round trip through JSON.
const plain = (value) => JSON.parse(JSON.stringify(value));

const INCIDENT = '0123456789abcdef0123456789abcdef';
const PROVIDER = 'fedcba9876543210fedcba9876543210';

// One run of the server script, as Service Portal runs it: globals data, options, input and the platform objects.
function runServer({ input = null, params = {}, properties = {}, readable = true, roles = ['itil'] } = {}) {
  const calls = [];
  const settings = {
    'x_dw_widgets.jwt_provider': PROVIDER,
    'x_dw_widgets.key_id': 'acme-2026',
    'x_dw_widgets.required_role': 'itil',
    'glide.servlet.uri': 'https://acme.service-now.com/',
    ...properties
  };
  class GlideRecord {
    constructor(table) {
      this.table = table;
      this.rows = table === 'sys_user_grmember' ? [{ name: 'Service Desk' }, { name: 'Network' }] : [];
      this.index = -1;
    }
    get(id) { return this.table === 'incident' && id === INCIDENT; }
    canRead() { return readable; }
    getValue(name) { return name === 'number' ? 'INC0012345' : null; }
    addQuery() {}
    query() {}
    next() {
      this.index++;
      if (this.index >= this.rows.length) { return false; }
      this.group = { name: { toString: () => this.rows[this.index].name } };
      return true;
    }
  }
  const context = {
    data: {},
    options: { form: 'reset-password', show_audit: 'true' },
    input,
    $sp: { getParameter: (name) => params[name] || null },
    gs: {
      getProperty: (name, fallback) => (name in settings ? settings[name] : fallback),
      getMessage: (text, args) => (args ? text.replace('{0}', args[0]) : text),
      hasRole: (role) => roles.includes(role),
      generateGUID: () => 'f0e1d2c3b4a5968778695a4b3c2d1e0f',
      getSession: () => ({ getLanguage: () => 'nl' }),
      getUser: () => ({
        getName: () => 'anna.agent',
        getFullName: () => 'Anna Agent',
        getEmail: () => 'anna.agent@acme.example',
        getID: () => '11111111111111111111111111111111'
      })
    },
    GlideRecord,
    GlideDateTime: class { getNumericValue() { return 1796040000000; } },
    sn_auth: {
      GlideJWTAPI: class {
        generateJWT(provider, header, payload) {
          calls.push({ provider, header: JSON.parse(header), payload: JSON.parse(payload) });
          return 'header.payload.signature';
        }
      }
    }
  };
  vm.runInNewContext(serverScript, context);
  return { data: context.data, calls };
}

test('server script mints a token with the caller, the groups and the ticket', () => {
  const { data, calls } = runServer({ input: { action: 'token', table: 'incident', sys_id: INCIDENT } });
  assert.equal(data.token, 'header.payload.signature');
  assert.equal(data.expires_in, 300);
  assert.equal(calls.length, 1);
  const { provider, header, payload } = calls[0];
  assert.equal(provider, PROVIDER);
  assert.deepEqual(header, { typ: 'JWT', alg: 'RS256', kid: 'acme-2026' });
  assert.deepEqual(payload, {
    iss: 'https://acme.service-now.com',
    aud: 'delegationwidgets-api',
    sub: 'anna.agent',
    name: 'Anna Agent',
    email: 'anna.agent@acme.example',
    groups: ['Service Desk', 'Network'],
    jti: 'f0e1d2c3b4a5968778695a4b3c2d1e0f',
    iat: 1796040000,
    exp: 1796040300,
    ticket: { table: 'incident', sys_id: INCIDENT, number: 'INC0012345' }
  });
});

test('server script caps the lifetime at five minutes', () => {
  const { calls } = runServer({ input: { action: 'token' }, properties: { 'x_dw_widgets.token_lifetime': '3600' } });
  assert.equal(calls[0].payload.exp - calls[0].payload.iat, 300);
  assert.equal(calls[0].payload.ticket, undefined);
});

test('server script mints nothing on load', () => {
  const { data, calls } = runServer({ params: { table: 'incident', sys_id: INCIDENT } });
  assert.equal(calls.length, 0);
  assert.equal(data.token, null);
  assert.deepEqual(plain(data.ticket), { table: 'incident', sys_id: INCIDENT, number: 'INC0012345' });
  assert.equal(data.lang, 'nl');
  assert.equal(data.form, 'reset-password');
});

test('server script refuses a ticket the user may not read', () => {
  const { data, calls } = runServer({ input: { action: 'token', table: 'incident', sys_id: INCIDENT }, readable: false });
  assert.equal(calls.length, 0);
  assert.equal(data.token, null);
  assert.match(data.error, /not found, or you may not read it/);
});

test('server script refuses a table that is not a ticket table', () => {
  const { data, calls } = runServer({ input: { action: 'token', table: 'sys_user', sys_id: INCIDENT } });
  assert.equal(calls.length, 0);
  assert.match(data.error, /does not accept as a ticket/);
});

test('server script refuses a user without the required role', () => {
  const { data, calls } = runServer({ input: { action: 'token' }, roles: [] });
  assert.equal(calls.length, 0);
  assert.match(data.error, /itil role/);
});

test('server script says what is missing when no JWT provider is set', () => {
  const { data, calls } = runServer({ input: { action: 'token' }, properties: { 'x_dw_widgets.jwt_provider': '' } });
  assert.equal(calls.length, 0);
  assert.match(data.error, /x_dw_widgets\.jwt_provider/);
});

test('server script ignores a form id that is not kebab-case', () => {
  const { data } = runServer({ params: { form: '"><script>' } });
  assert.equal(data.form, 'reset-password');
});

// The client controller with a c.server.get that answers like the server script.
function runClient(answer) {
  const window = { Promise };
  const requests = [];
  const context = { api: {}, Date };
  vm.runInNewContext(clientScript, context);
  const controller = { data: { form: 'reset-password', lang: 'nl', ticket: { table: 'incident', sys_id: INCIDENT, number: 'INC0012345' } } };
  controller.server = {
    get: (input) => {
      requests.push(input);
      return Promise.resolve({ data: answer(requests.length) });
    }
  };
  const scope = { handlers: {}, $on(name, handler) { this.handlers[name] = handler; }, $applyAsync() {} };
  const messages = [];
  context.api.controller.call(controller, scope, window, { addInfoMessage: (m) => messages.push(m), addErrorMessage: (m) => messages.push(m) });
  return { window, requests, scope, controller, messages };
}

test('client script defines window.dwHost that returns the minted token and caches it', async () => {
  const { window, requests } = runClient((n) => ({ token: `token-${n}`, expires_in: 300 }));
  assert.equal(typeof window.dwHost.getToken, 'function');
  assert.equal(typeof window.dwHost.context, 'function');
  assert.equal(await window.dwHost.getToken({ forceRefresh: false }), 'token-1');
  assert.equal(await window.dwHost.getToken({}), 'token-1');
  assert.equal(requests.length, 1);
  assert.deepEqual(plain(requests[0]), { action: 'token', form: 'reset-password', table: 'incident', sys_id: INCIDENT });
});

test('client script mints again on forceRefresh', async () => {
  const { window, requests } = runClient((n) => ({ token: `token-${n}`, expires_in: 300 }));
  await window.dwHost.getToken({});
  assert.equal(await window.dwHost.getToken({ forceRefresh: true }), 'token-2');
  assert.equal(requests.length, 2);
});

test('client script rejects with the server message when no token was minted', async () => {
  const { window } = runClient(() => ({ token: null, error: 'You need the itil role to use delegated forms.' }));
  await assert.rejects(window.dwHost.getToken({}), /itil role/);
});

test('client script gives the ticket and language as context and removes the bridge with the widget', () => {
  const { window, scope } = runClient(() => ({}));
  assert.deepEqual(plain(window.dwHost.context()), { ticket: 'INC0012345', target: null, lang: 'nl' });
  scope.handlers.$destroy();
  assert.equal(window.dwHost, undefined);
});

// The link function with a small stand-in DOM: elements with attributes, children and event listeners.
class FakeElement {
  constructor(name) {
    this.localName = name;
    this.attributes = {};
    this.children = [];
    this.listeners = {};
  }
  setAttribute(name, value) { this.attributes[name] = String(value); }
  getAttribute(name) { return name in this.attributes ? this.attributes[name] : null; }
  appendChild(child) { this.children.push(child); return child; }
  removeChild(child) { this.children.splice(this.children.indexOf(child), 1); }
  get firstChild() { return this.children[0] || null; }
  querySelector() { return this.slot; }
  querySelectorAll(name) { return this.children.filter((c) => c.localName === name); }
  addEventListener(name, handler) { this.listeners[name] = handler; }
}

function runLink(data) {
  const slot = new FakeElement('div');
  const root = new FakeElement('div');
  root.slot = slot;
  const reported = [];
  const controller = { data, onSubmitted: (d) => reported.push(['submitted', d]), onFailed: (d) => reported.push(['failed', d]) };
  const scope = { $on() {} };
  const context = { document: { createElement: (name) => new FakeElement(name) }, Date, String };
  vm.runInNewContext(`(${linkScript})`, context)(scope, [root], {}, controller);
  return { slot, reported };
}

test('link function puts dw-form and dw-audit for the ticket into the widget', () => {
  const { slot } = runLink({ form: 'unlock-account', lang: 'nl', show_audit: true, ticket: { number: 'INC0012345' } });
  const [form, audit] = slot.children;
  assert.equal(form.localName, 'dw-form');
  assert.deepEqual(plain(form.attributes), { form: 'unlock-account', lang: 'nl', ticket: 'INC0012345' });
  assert.equal(audit.localName, 'dw-audit');
  assert.deepEqual(plain(audit.attributes), { ticket: 'INC0012345', lang: 'nl' });
});

test('link function reports a submitted change and refreshes the audit trail', () => {
  const { slot, reported } = runLink({ form: 'reset-password', lang: 'en', show_audit: true, ticket: { number: 'INC1' } });
  slot.listeners['dw-submitted']({ detail: { changeId: 'c1', status: 'succeeded' } });
  assert.deepEqual(plain(reported), [['submitted', { changeId: 'c1', status: 'succeeded' }]]);
  assert.ok(slot.children[1].getAttribute('refresh'));
});

test('link function adds nothing while the widget shows an error', () => {
  const { slot } = runLink({ error: 'not set up', form: 'reset-password' });
  assert.equal(slot.children.length, 0);
});
