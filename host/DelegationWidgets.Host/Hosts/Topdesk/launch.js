// The TOPdesk launch page: reads the incident from ?incident=, signs the operator in (OpenID Connect, authorization code
// with PKCE, tokens kept in this tab's sessionStorage only; or a development persona when the API runs with development
// tokens), exposes window.dwHost and shows the form and the audit trail for the incident. Values from the address are
// only ever set as attributes or text, never as HTML.
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var incident = (params.get('incident') || '').trim();
  var status = document.getElementById('status');
  var config = null;
  var cached = null;

  function say(text) { status.textContent = text; }

  function base64Url(bytes) {
    return btoa(String.fromCharCode.apply(null, new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function randomText() { return base64Url(crypto.getRandomValues(new Uint8Array(32))); }

  function discover() {
    return fetch(config.authority + '/.well-known/openid-configuration').then(function (r) {
      if (!r.ok) { throw new Error('The sign-in service did not answer (' + r.status + ').'); }
      return r.json();
    });
  }

  // Step 1: off to the authority, with a PKCE challenge; the incident rides along in the state.
  function signIn() {
    var verifier = randomText();
    var state = randomText();
    return crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)).then(function (hash) {
      return discover().then(function (metadata) {
        sessionStorage.setItem('dw.pkce', JSON.stringify({ verifier: verifier, state: state, back: location.search }));
        var query = new URLSearchParams({
          response_type: 'code', client_id: config.clientId, redirect_uri: location.origin + location.pathname,
          scope: config.scope, state: state, code_challenge: base64Url(hash), code_challenge_method: 'S256'
        });
        location.assign(metadata.authorization_endpoint + '?' + query.toString());
        return new Promise(function () { });
      });
    });
  }

  // Step 2: back with a code: exchange it (public client, PKCE) and go back to the incident's address.
  function redeem() {
    var pending = JSON.parse(sessionStorage.getItem('dw.pkce') || 'null');
    sessionStorage.removeItem('dw.pkce');
    if (!pending || pending.state !== params.get('state')) {
      return Promise.reject(new Error('The sign-in answer does not belong to this page; open the page from TOPdesk again.'));
    }

    return discover().then(function (metadata) {
      return fetch(metadata.token_endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code', client_id: config.clientId, code: params.get('code'),
          redirect_uri: location.origin + location.pathname, code_verifier: pending.verifier
        }).toString()
      });
    }).then(function (r) {
      if (!r.ok) { throw new Error('The sign-in service refused the sign-in (' + r.status + ').'); }
      return r.json();
    }).then(function (answer) {
      sessionStorage.setItem('dw.token', JSON.stringify({ token: answer.access_token, expires: Date.now() + (answer.expires_in || 300) * 1000 }));
      history.replaceState(null, '', location.pathname + pending.back);
      params = new URLSearchParams(pending.back);
      incident = (params.get('incident') || '').trim();
    });
  }

  function oidcToken(options) {
    var stored = JSON.parse(sessionStorage.getItem('dw.token') || 'null');
    if (stored && stored.expires > Date.now() + 30000 && !(options && options.forceRefresh)) {
      return Promise.resolve(stored.token);
    }

    sessionStorage.removeItem('dw.token');
    return signIn();
  }

  function developmentToken(options) {
    var persona = document.getElementById('persona').value;
    if (cached && cached.persona === persona && cached.expires > Date.now() + 30000 && !(options && options.forceRefresh)) {
      return Promise.resolve(cached.token);
    }

    return fetch('/dev/token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ persona: persona }) })
      .then(function (r) {
        if (!r.ok) { throw new Error('The API refused a development token (' + r.status + ').'); }
        return r.json();
      }).then(function (body) {
        cached = { persona: persona, token: body.access_token, expires: Date.now() + body.expires_in * 1000 };
        return cached.token;
      });
  }

  function show() {
    document.documentElement.lang = config.lang;
    document.getElementById('title').textContent = (config.lang === 'nl' ? 'Melding ' : 'Incident ') + incident;
    var form = document.getElementById('form');
    form.setAttribute('form', params.get('form') || config.form);
    form.setAttribute('ticket', incident);
    form.setAttribute('lang', config.lang);
    var audit = document.getElementById('audit');
    audit.setAttribute('ticket', incident);
    audit.setAttribute('lang', config.lang);
    document.getElementById('widgets').hidden = false;
    say('');
  }

  window.dwHost = {
    getToken: function (options) { return config.signIn === 'oidc' ? oidcToken(options) : developmentToken(options); },
    context: function () { return { ticket: incident || null, target: null, lang: config ? config.lang : 'nl' }; }
  };

  fetch('/hosts/topdesk/config.json').then(function (r) { return r.json(); }).then(function (c) {
    config = c;
    if (config.signIn === 'none') {
      say('This page is not configured: set Hosts:Topdesk:Authority and Hosts:Topdesk:ClientId on the API (see the README, "TOPdesk").');
      return;
    }

    if (config.signIn === 'development') {
      var picker = document.getElementById('persona');
      config.personas.forEach(function (name) {
        var option = document.createElement('option');
        option.value = name;
        option.textContent = name;
        picker.appendChild(option);
      });
      picker.value = params.get('persona') || 'agent';
      document.getElementById('persona-choice').hidden = false;
    }

    var ready = config.signIn === 'oidc' && params.get('code') ? redeem() : Promise.resolve();
    return ready.then(function () {
      if (!/^[A-Za-z0-9][A-Za-z0-9._:/-]*(?: [A-Za-z0-9._:/-]+)*$/.test(incident) || incident.length > 64) {
        say(config.lang === 'nl'
          ? 'Open deze pagina vanuit een TOPdesk-melding: het adres heeft ?incident=<meldingnummer> nodig.'
          : 'Open this page from a TOPdesk incident: its address needs ?incident=<incident number>.');
        return;
      }

      return (config.signIn === 'oidc' ? oidcToken() : Promise.resolve()).then(show);
    });
  }).catch(function (error) { say(error.message); });
})();
