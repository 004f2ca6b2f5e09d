// Does what DelegatedFormWebPart.render() does, with a development token instead of SharePoint's AadTokenProvider.
(function () {
  'use strict';
  var api = document.querySelector('meta[name="dw-api"]').content;
  var part = document.getElementById('webpart');
  var bridge = window.DelegationWidgetsSharePoint;
  var apiUrl = bridge.normalizeApiUrl(api);

  function devToken() {
    return fetch(apiUrl + 'dev/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ persona: part.dataset.persona })
    }).then(function (response) {
      if (!response.ok) {
        throw new Error('The API refused a development token (' + response.status + ').');
      }

      return response.json();
    }).then(function (body) {
      return body.access_token;
    });
  }

  var problem = bridge.installHostBridge(window, apiUrl, devToken, bridge.widgetLanguage(document.documentElement.lang));
  if (problem) {
    part.textContent = problem;
    return;
  }

  bridge.renderWidget(part, { view: part.dataset.view, formId: part.dataset.form, ticket: part.dataset.ticket, lang: bridge.widgetLanguage(document.documentElement.lang) });
  bridge.loadWidgetLoader(document, apiUrl).catch(function (error) {
    part.textContent = error.message;
  });

  ['dw-submitted', 'dw-failed', 'dw-cancelled'].forEach(function (name) {
    document.addEventListener(name, function (event) {
      var item = document.createElement('li');
      item.dataset.event = name;
      item.textContent = name + ' ' + JSON.stringify(event.detail);
      document.getElementById('events').appendChild(item);
    });
  });
})();
