// The demo host pages' side of the contract: window.dwHost gives the widgets a token (from the API's development
// issuer, for the persona picked) and the page's context (ticket, target, language).
(function () {
  'use strict';
  var api = document.querySelector('meta[name="dw-api"]').content;
  var picker = document.getElementById('persona');
  var cached = null;

  window.dwHost = {
    getToken: function (options) {
      var persona = picker.value;
      if (cached && cached.persona === persona && cached.expires > Date.now() + 30000 && !(options && options.forceRefresh)) {
        return Promise.resolve(cached.token);
      }

      return fetch(api + 'dev/token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ persona: persona })
      }).then(function (response) {
        if (!response.ok) {
          throw new Error('The API refused a token for ' + persona + ' (' + response.status + ').');
        }

        return response.json();
      }).then(function (body) {
        cached = { persona: persona, token: body.access_token, expires: Date.now() + body.expires_in * 1000 };
        return cached.token;
      });
    },
    context: function () {
      var page = document.body.dataset;
      return { ticket: page.ticket || null, target: page.target || null, lang: document.documentElement.lang || 'en' };
    }
  };

  // Another persona: the widgets start again (forms and scope depend on who signs in).
  picker.addEventListener('change', function () {
    cached = null;
    document.querySelectorAll('dw-form, dw-audit, dw-catalog, dw-requests, dw-approvals').forEach(function (element) {
      element.replaceWith(element.cloneNode(false));
    });
  });

  var log = document.getElementById('events');
  ['dw-submitted', 'dw-failed', 'dw-cancelled', 'dw-requested', 'dw-approved', 'dw-denied'].forEach(function (name) {
    document.addEventListener(name, function (event) {
      var item = document.createElement('li');
      item.textContent = name + ' ' + JSON.stringify(event.detail);
      item.dataset.event = name;
      log.appendChild(item);
      document.querySelectorAll('dw-audit').forEach(function (audit) {
        audit.setAttribute('refresh', String(Date.now()));
      });
    });
  });
})();
