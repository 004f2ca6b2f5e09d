// DelegationWidgets bridge for any intranet page: signs the widgets in with the user's Microsoft Entra ID token for the
// DelegationWidgets API, through MSAL (msal-browser v3 or later, loaded before this file as the global `msal`).
// Configure it on its own script tag, no inline script needed (so it works under a CSP without 'unsafe-inline'):
//
//   <script src="/assets/msal-browser.min.js" defer></script>
//   <script src="/assets/dw-intranet-bridge.js" defer
//           data-client-id="00000000-0000-0000-0000-000000000000"
//           data-authority="https://login.microsoftonline.com/contoso.onmicrosoft.com"
//           data-scope="api://delegationwidgets-api/user_impersonation"
//           data-redirect-uri="/auth/blank.html"
//           data-interaction="popup"></script>
//   <script src="https://dw.example/widgets/loader.js" defer></script>
//   <dw-form form="reset-password"></dw-form>
//
// window.dwHost.getToken({ forceRefresh }) tries acquireTokenSilent first (MSAL's cache and refresh token, or a hidden
// iframe), and only when Entra ID needs the user (InteractionRequiredAuthError) falls back to a popup, or to a full-page
// redirect when data-interaction="redirect" or the browser blocked the popup. Tokens are never put in attributes.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script) {
    console.error('DelegationWidgets intranet bridge: load dw-intranet-bridge.js with <script src>, not inline or as a module.');
    return;
  }

  var settings = {
    clientId: script.getAttribute('data-client-id'),
    authority: script.getAttribute('data-authority') || 'https://login.microsoftonline.com/organizations',
    scope: script.getAttribute('data-scope'),
    redirectUri: new URL(script.getAttribute('data-redirect-uri') || '/', location.href).href,
    interaction: script.getAttribute('data-interaction') === 'redirect' ? 'redirect' : 'popup',
    ticket: script.getAttribute('data-ticket'),
    lang: script.getAttribute('data-lang') || (document.documentElement.lang || 'en').slice(0, 2)
  };

  if (!settings.clientId || !settings.scope) {
    console.error('DelegationWidgets intranet bridge: set data-client-id and data-scope on its script tag.');
    return;
  }

  var ready = null;
  var redirecting = false;

  // MSAL must be initialised, and any redirect answer handled, before the first token request.
  function start() {
    if (ready) {
      return ready;
    }

    if (typeof msal === 'undefined' || !msal.PublicClientApplication) {
      ready = Promise.reject(new Error('DelegationWidgets intranet bridge: msal-browser is not loaded; include lib/msal-browser.min.js before this file.'));
      return ready;
    }

    var client = new msal.PublicClientApplication({
      auth: { clientId: settings.clientId, authority: settings.authority, redirectUri: settings.redirectUri },
      cache: { cacheLocation: 'sessionStorage' }
    });
    ready = client.initialize().then(function () {
      return client.handleRedirectPromise();
    }).then(function (result) {
      if (result && result.account) {
        client.setActiveAccount(result.account);
      }

      return client;
    });
    return ready;
  }

  function account(client) {
    var active = client.getActiveAccount();
    if (active) {
      return active;
    }

    var all = client.getAllAccounts();
    if (all.length === 1) {
      client.setActiveAccount(all[0]);
      return all[0];
    }

    return null;
  }

  function needsUser(error) {
    return error instanceof msal.InteractionRequiredAuthError
      || (error && (error.errorCode === 'no_account_error' || error.errorCode === 'login_required'));
  }

  function popupBlocked(error) {
    return error && (error.errorCode === 'popup_window_error' || error.errorCode === 'empty_window_error');
  }

  function interactive(client, request) {
    if (settings.interaction === 'redirect') {
      return redirect(client, request);
    }

    return client.acquireTokenPopup(request).then(function (result) {
      client.setActiveAccount(result.account);
      return result.accessToken;
    }, function (error) {
      return popupBlocked(error) ? redirect(client, request) : Promise.reject(error);
    });
  }

  function redirect(client, request) {
    if (!redirecting) {
      redirecting = true;
      // Back to this page (register its address as a redirect URI too), where handleRedirectPromise takes the answer.
      client.acquireTokenRedirect(Object.assign({ redirectUri: location.origin + location.pathname }, request)).catch(function (error) {
        redirecting = false;
        console.error('DelegationWidgets intranet bridge: the sign-in redirect could not start.', error);
      });
    }

    // The page navigates away; the widgets get their token after the redirect comes back.
    return new Promise(function () {});
  }

  function getToken(options) {
    var forceRefresh = !!(options && options.forceRefresh);
    return start().then(function (client) {
      var request = { scopes: [settings.scope], forceRefresh: forceRefresh };
      var signedIn = account(client);
      var silent = signedIn
        ? client.acquireTokenSilent(Object.assign({ account: signedIn }, request))
        : client.ssoSilent({ scopes: request.scopes });
      return silent.then(function (result) {
        client.setActiveAccount(result.account);
        return result.accessToken;
      }, function (error) {
        return needsUser(error) ? interactive(client, { scopes: request.scopes }) : Promise.reject(error);
      });
    });
  }

  if (window.dwHost) {
    console.error('DelegationWidgets intranet bridge: window.dwHost is already defined on this page; the bridge leaves it alone.');
    return;
  }

  window.dwHost = {
    getToken: getToken,
    context: function () {
      return { ticket: settings.ticket || null, reason: null, target: null, lang: settings.lang };
    }
  };

  // Finish a redirect sign-in as soon as the page loads again, before any widget asks.
  start().catch(function (error) {
    console.error('DelegationWidgets intranet bridge: sign-in could not start.', error);
  });
})();
