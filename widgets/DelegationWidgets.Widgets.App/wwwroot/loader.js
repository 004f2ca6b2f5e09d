// DelegationWidgets loader. On any page, from the API's origin:
//   <script src="https://dw.example/widgets/loader.js"></script>
//   <dw-form form="reset-password" ticket="INC0012345"></dw-form>
// Boots the widgets' WebAssembly bundle from the origin this script came from (never the page's base URI), defines the
// custom elements <dw-form>, <dw-audit>, <dw-catalog>, <dw-requests> and <dw-approvals>, and reads identity and context from
// window.dwHost = { getToken(), context() }.
// data-api="https://dw.example/" on this script tag names the API when it is not the origin the script came from.
(function () {
  'use strict';
  if (window.DelegationWidgets) {
    return; // loaded twice: the first copy serves the page
  }

  var script = document.currentScript;
  if (!script || !script.src) {
    console.error('DelegationWidgets: load loader.js with <script src="…/widgets/loader.js">; it cannot run inline or as a module.');
    return;
  }

  var base = new URL('./', script.src).href; // …/widgets/
  var api = new URL(script.getAttribute('data-api') || '../', base).href;
  var elements = {
    'dw-form': { form: 'Form', target: 'Target', ticket: 'Ticket', reason: 'Reason', lang: 'Lang' },
    'dw-audit': { target: 'Target', ticket: 'Ticket', lang: 'Lang', refresh: 'Refresh' },
    'dw-catalog': { category: 'Category', lang: 'Lang' },
    'dw-requests': { lang: 'Lang', refresh: 'Refresh' },
    'dw-approvals': { approval: 'Approval', lang: 'Lang' }
  };
  var starting = null;

  function fail(message, error) {
    console.error('DelegationWidgets: ' + message, error || '');
    return Promise.reject(new Error('DelegationWidgets: ' + message));
  }

  // A page whose Content-Security-Policy lacks 'wasm-unsafe-eval' cannot compile WebAssembly: say so plainly.
  function webAssemblyAllowed() {
    try {
      new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
      return true;
    } catch (e) {
      return false;
    }
  }

  function start() {
    if (starting) {
      return starting;
    }

    if (typeof WebAssembly !== 'object' || !webAssemblyAllowed()) {
      starting = fail("this page's Content-Security-Policy does not allow WebAssembly. Add 'wasm-unsafe-eval' to script-src, next to "
        + new URL(api).origin + '.');
      return starting;
    }

    starting = new Promise(function (resolve, reject) {
      var style = document.createElement('link');
      style.rel = 'stylesheet';
      style.href = base + 'dw-widgets.css';
      style.crossOrigin = 'anonymous';
      document.head.appendChild(style);

      var blazor = document.createElement('script');
      blazor.src = base + '_framework/blazor.webassembly.js';
      blazor.crossOrigin = 'anonymous';
      blazor.setAttribute('autostart', 'false');
      blazor.onerror = function () {
        fail('could not load ' + blazor.src + '. Is the API reachable, and does its Widgets:AllowedOrigins list '
          + location.origin + '? Does the page\'s Content-Security-Policy allow scripts from ' + new URL(api).origin + '?').catch(reject);
      };
      blazor.onload = function () {
        window.Blazor.start({
          loadBootResource: function (type, name) {
            return base + '_framework/' + name;
          }
        }).then(resolve, function (e) {
          fail('the widgets could not start.', e).catch(reject);
        });
      };
      document.head.appendChild(blazor);
    });
    return starting;
  }

  // Blazor.start() resolves before the .NET side has registered the components (it does so as the app runs): until then
  // rootComponents.add refuses, so try again for a while.
  function add(element, tag, values) {
    var deadline = Date.now() + 30000;
    return new Promise(function (resolve, reject) {
      (function attempt() {
        window.Blazor.rootComponents.add(element, tag, values).then(resolve, function (error) {
          if (/not been enabled/.test(String(error && error.message)) && Date.now() < deadline) {
            setTimeout(attempt, 25);
          } else {
            reject(error);
          }
        });
      })();
    });
  }

  function parameters(element, names) {
    var values = {};
    Object.keys(names).forEach(function (attribute) {
      values[names[attribute]] = element.getAttribute(attribute);
    });
    return values;
  }

  Object.keys(elements).forEach(function (tag) {
    var names = elements[tag];
    if (customElements.get(tag)) {
      return;
    }

    customElements.define(tag, class extends HTMLElement {
      static get observedAttributes() {
        return Object.keys(names);
      }

      connectedCallback() {
        var element = this;
        if (element._component || element._adding) {
          return;
        }

        // The approve/deny links of a notification mail open the approvals page with ?approval=<id>: that approval is shown first.
        if (tag === 'dw-approvals' && !element.hasAttribute('approval')) {
          var linked = new URLSearchParams(window.location.search).get('approval');
          if (linked) {
            element.setAttribute('approval', linked);
          }
        }

        element._adding = start().then(function () {
          return element.isConnected ? add(element, tag, parameters(element, names)) : null;
        }).then(function (component) {
          element._adding = null;
          element._component = component;
          if (component && !element.isConnected) {
            element._remove();
          } else if (component && element._changed) {
            element._changed = false;
            component.setParameters(parameters(element, names));
          }
        }, function (error) {
          element._adding = null;
          console.error('DelegationWidgets: <' + tag + '> could not be shown.', error);
        });
      }

      attributeChangedCallback() {
        if (this._component) {
          this._component.setParameters(parameters(this, names));
        } else if (this._adding) {
          this._changed = true; // changed while the component is being added: pass it on once it is there
        }
        // Before that (the element's own attributes, as it is upgraded) the add reads them anyway.
      }

      disconnectedCallback() {
        var element = this;
        // A move within the page disconnects and connects again in one task: dispose only when it stays out.
        queueMicrotask(function () {
          if (!element.isConnected) {
            element._remove();
          }
        });
      }

      _remove() {
        var component = this._component;
        this._component = null;
        if (component) {
          component.dispose();
        }
      }
    });
  });

  // Lookup comboboxes: the arrow keys move through the options (not the caret), and while the list is open Enter picks
  // and Escape closes it (neither submits nor leaves). Every other key types, deletes or tabs away as usual.
  document.addEventListener('keydown', function (event) {
    var target = event.target;
    if (!target || !target.hasAttribute || !target.hasAttribute('data-dw-combobox')) {
      return;
    }

    var open = target.getAttribute('aria-expanded') === 'true';
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp' || (open && (event.key === 'Enter' || event.key === 'Escape'))) {
      event.preventDefault();
    }
  }, true);

  window.DelegationWidgets = {
    apiBase: function () {
      return api;
    },
    token: function (refresh) {
      var host = window.dwHost;
      if (!host || typeof host.getToken !== 'function') {
        console.error('DelegationWidgets: the page must define window.dwHost = { getToken(), context() } to sign the widgets in.');
        return null;
      }

      return host.getToken({ forceRefresh: !!refresh });
    },
    context: function () {
      var host = window.dwHost;
      try {
        return (host && typeof host.context === 'function' && host.context()) || {};
      } catch (e) {
        console.error('DelegationWidgets: window.dwHost.context() failed.', e);
        return {};
      }
    },
    dispatch: function (inside, name, detail) {
      var element = (inside && inside.closest && inside.closest(Object.keys(elements).join(','))) || inside;
      element.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail: JSON.parse(detail) }));
    },
    focus: function (id) {
      var element = document.getElementById(id);
      if (element) {
        element.focus();
      }
    },
    copy: function (text) {
      return navigator.clipboard && navigator.clipboard.writeText
        ? navigator.clipboard.writeText(text).then(function () { return true; }, function () { return false; })
        : false;
    },
    start: start
  };
})();
