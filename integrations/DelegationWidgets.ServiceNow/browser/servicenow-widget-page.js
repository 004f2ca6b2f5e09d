// Runs the widget's client controller and link function in a plain page: Service Portal's `api`, `c.server.get`,
// `spUtil` and `$scope` are small stand-ins; the token comes from the API's development issuer.
(function () {
  'use strict';
  var api = document.querySelector('meta[name="dw-api"]').content;
  var page = document.body.dataset;
  var scope = { handlers: {}, $on: function (name, handler) { this.handlers[name] = handler; }, $applyAsync: function () {} };
  var messages = document.getElementById('messages');
  var spUtil = {
    addInfoMessage: function (text) { say('info', text); },
    addErrorMessage: function (text) { say('error', text); }
  };

  function say(kind, text) {
    var item = document.createElement('li');
    item.dataset.kind = kind;
    item.textContent = text;
    messages.appendChild(item);
  }

  function script(src) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement('script');
      element.src = src;
      element.onload = resolve;
      element.onerror = function () { reject(new Error('could not load ' + src)); };
      document.head.appendChild(element);
    });
  }

  // What the server script answers on c.server.get({ action: 'token' }), with a development token.
  function serverGet(input) {
    window.dwTokenRequests = (window.dwTokenRequests || 0) + 1;
    return fetch(api + 'dev/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ persona: page.persona })
    }).then(function (response) {
      return response.ok ? response.json() : { access_token: null };
    }).then(function (body) {
      return { data: { token: input.action === 'token' ? body.access_token : null, expires_in: body.expires_in || 300, error: body.access_token ? null : 'no token' } };
    });
  }

  window.api = {};
  script('../src/widget/client_script.js').then(function () {
    return script('../src/widget/link.js');
  }).then(function () {
    var c = {
      data: { form: page.form, lang: page.lang, show_audit: true, ticket: { table: 'incident', sys_id: '0123456789abcdef0123456789abcdef', number: page.ticket } },
      server: { get: serverGet }
    };
    window.api.controller.call(c, scope, window, spUtil);
    window.link(scope, [document.querySelector('.dw-sn-widget')], {}, c);
    return script(api + 'widgets/loader.js');
  }).catch(function (error) {
    say('error', error.message);
  });
})();
