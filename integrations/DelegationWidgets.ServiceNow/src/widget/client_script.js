// DelegationWidgets form widget: client controller. The page's side of the DelegationWidgets contract:
// window.dwHost = { getToken({ forceRefresh }), context() }. Tokens come from this widget's server script (minted by the
// instance, never stored in the page or in an attribute), are kept until 30 seconds before they expire and are minted
// again when the widgets ask with forceRefresh (after the API refused one).
api.controller = function ($scope, $window, spUtil) {
  /* widget controller */
  var c = this;
  var cached = null;
  var pending = null;
  var Native = $window.Promise;

  function requestToken() {
    var ticket = c.data.ticket || {};
    return new Native(function (resolve, reject) {
      c.server.get({ action: 'token', form: c.data.form, table: ticket.table || '', sys_id: ticket.sys_id || '' })
        .then(function (response) {
          var data = (response && response.data) || {};
          if (!data.token) {
            reject(new Error(data.error || 'ServiceNow did not mint a token for DelegationWidgets.'));
            return;
          }

          cached = { token: data.token, expires: Date.now() + (data.expires_in || 60) * 1000 };
          resolve(cached.token);
        }, function () {
          reject(new Error('ServiceNow could not be asked for a DelegationWidgets token.'));
        });
    });
  }

  function getToken(options) {
    var forceRefresh = !!(options && options.forceRefresh);
    if (!forceRefresh && cached && cached.expires > Date.now() + 30000) {
      return Native.resolve(cached.token);
    }

    if (!pending || forceRefresh) {
      var request = requestToken();
      pending = request;
      var done = function () {
        if (pending === request) {
          pending = null;
        }
      };
      request.then(done, done);
    }

    return pending;
  }

  var host = {
    getToken: getToken,
    context: function () {
      return {
        ticket: c.data.ticket ? c.data.ticket.number : null,
        target: null,
        lang: c.data.lang || 'en'
      };
    }
  };

  // One widget per page signs the widgets in; a second instance on the same page reuses the first one's bridge.
  if (!$window.dwHost || $window.dwHost.servicenow !== true) {
    host.servicenow = true;
    $window.dwHost = host;
  }

  c.onSubmitted = function (detail) {
    spUtil.addInfoMessage('Delegated change ' + (detail && detail.changeId ? detail.changeId + ' ' : '') + (detail && detail.status ? detail.status : 'submitted') + '.');
    $scope.$applyAsync();
  };

  c.onFailed = function (detail) {
    spUtil.addErrorMessage('The delegated change failed' + (detail && detail.outcome ? ': ' + detail.outcome : '.'));
    $scope.$applyAsync();
  };

  $scope.$on('$destroy', function () {
    if ($window.dwHost === host) {
      delete $window.dwHost;
    }
  });
};
