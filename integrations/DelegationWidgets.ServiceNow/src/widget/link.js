function link(scope, element, attrs, controller) {
  // DelegationWidgets form widget: link function. Puts <dw-form> (and <dw-audit> for the ticket) into the widget with
  // setAttribute, so no value passes through Angular's interpolation, and reports the widgets' events to the controller.
  // loader.js (the widget dependency "DelegationWidgets loader") defines the elements and signs them in through
  // window.dwHost, which the controller sets.
  var data = controller.data;
  if (data.error) {
    return;
  }

  var slot = element[0].querySelector('.dw-sn-slot');
  var form = document.createElement('dw-form');
  form.setAttribute('form', data.form);
  form.setAttribute('lang', data.lang || 'en');
  if (data.ticket) {
    form.setAttribute('ticket', data.ticket.number);
  }

  slot.appendChild(form);

  if (data.show_audit && data.ticket) {
    var audit = document.createElement('dw-audit');
    audit.setAttribute('ticket', data.ticket.number);
    audit.setAttribute('lang', data.lang || 'en');
    slot.appendChild(audit);
  }

  function refreshAudit() {
    var audits = slot.querySelectorAll('dw-audit');
    for (var i = 0; i < audits.length; i++) {
      audits[i].setAttribute('refresh', String(Date.now()));
    }
  }

  slot.addEventListener('dw-submitted', function (event) {
    refreshAudit();
    controller.onSubmitted(event.detail);
  });
  slot.addEventListener('dw-failed', function (event) {
    refreshAudit();
    controller.onFailed(event.detail);
  });

  scope.$on('$destroy', function () {
    while (slot.firstChild) {
      slot.removeChild(slot.firstChild);
    }
  });
}
