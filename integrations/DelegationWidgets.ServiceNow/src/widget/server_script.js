// DelegationWidgets form widget: server script (runs as the signed-in user).
// On load it works out the form, the language and the ticket (?table=incident&sys_id=…), checking that the user may read
// that ticket. When the client asks for a token (input.action === 'token') it mints a short-lived JWT for the
// DelegationWidgets API with sn_auth.GlideJWTAPI, signed by the instance's JWT key; the API trusts the instance as an
// issuer and takes the caller and the ticket from these claims. Nothing the browser sends is put in a claim unchecked.
(function () {
  var PREFIX = 'x_dw_widgets.';
  var FORM_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var SYS_ID = /^[0-9a-f]{32}$/;
  var MAX_LIFETIME_SECONDS = 300; // the API refuses tokens that live longer than 5 minutes

  function property(name, fallback) {
    var value = gs.getProperty(PREFIX + name, fallback);
    return value === null || value === undefined ? fallback : String(value).trim();
  }

  function parameter(name) {
    if (input && input[name] !== undefined && input[name] !== null) {
      return String(input[name]);
    }

    var value = $sp.getParameter(name);
    return value ? String(value) : '';
  }

  function ticketTables() {
    return property('ticket_tables', 'incident').split(',').map(function (table) {
      return table.trim();
    }).filter(function (table) {
      return table.length > 0;
    });
  }

  // The ticket of the page, only when it is a record of an allowed table that this user may read.
  function findTicket(table, sysId) {
    if (!table && !sysId) {
      return { ticket: null };
    }

    if (ticketTables().indexOf(table) < 0 || !SYS_ID.test(sysId)) {
      return { error: gs.getMessage('This page was opened for a record DelegationWidgets does not accept as a ticket.') };
    }

    var record = new GlideRecord(table);
    if (!record.get(sysId) || !record.canRead()) {
      return { error: gs.getMessage('The ticket was not found, or you may not read it.') };
    }

    return { ticket: { table: table, sys_id: sysId, number: record.getValue('number') } };
  }

  function groupNames(userId) {
    var names = [];
    var membership = new GlideRecord('sys_user_grmember');
    membership.addQuery('user', userId);
    membership.addQuery('group.active', true);
    membership.query();
    while (membership.next()) {
      names.push(membership.group.name.toString());
    }

    return names;
  }

  function issuer() {
    var configured = property('issuer', '');
    var value = configured || String(gs.getProperty('glide.servlet.uri', ''));
    return value.replace(/\/+$/, '');
  }

  function configurationError() {
    if (!SYS_ID.test(property('jwt_provider', ''))) {
      return gs.getMessage('DelegationWidgets is not set up yet: an administrator sets {0} to the sys_id of the JWT provider.', [PREFIX + 'jwt_provider']);
    }

    if (!property('key_id', '')) {
      return gs.getMessage('DelegationWidgets is not set up yet: an administrator sets {0} to the Key ID of the JWT key.', [PREFIX + 'key_id']);
    }

    var role = property('required_role', '');
    if (role && !gs.hasRole(role)) {
      return gs.getMessage('You need the {0} role to use delegated forms.', [role]);
    }

    return null;
  }

  function lifetime() {
    var seconds = parseInt(property('token_lifetime', String(MAX_LIFETIME_SECONDS)), 10);
    return seconds > 0 && seconds <= MAX_LIFETIME_SECONDS ? seconds : MAX_LIFETIME_SECONDS;
  }

  function mintToken(ticket) {
    var user = gs.getUser();
    var issuedAt = Math.floor(new GlideDateTime().getNumericValue() / 1000);
    var seconds = lifetime();
    var claims = {
      iss: issuer(),
      aud: property('audience', 'delegationwidgets-api'),
      sub: user.getName(),
      name: user.getFullName(),
      email: user.getEmail(),
      groups: groupNames(user.getID()),
      jti: gs.generateGUID(),
      iat: issuedAt,
      exp: issuedAt + seconds
    };
    if (ticket) {
      claims.ticket = { table: ticket.table, sys_id: ticket.sys_id, number: ticket.number };
    }

    var header = { typ: 'JWT', alg: 'RS256', kid: property('key_id', '') };
    var jwt = new sn_auth.GlideJWTAPI().generateJWT(property('jwt_provider', ''), JSON.stringify(header), JSON.stringify(claims));
    return { token: jwt ? String(jwt) : null, expiresIn: seconds };
  }

  var form = parameter('form') || (options.form ? String(options.form) : 'reset-password');
  data.form = FORM_ID.test(form) ? form : 'reset-password';
  data.show_audit = String(options.show_audit) !== 'false';
  data.lang = String(gs.getSession().getLanguage() || 'en');
  data.token = null;

  var found = findTicket(parameter('table'), parameter('sys_id'));
  data.ticket = found.ticket || null;
  data.error = found.error || configurationError();

  if (input && input.action === 'token' && !data.error) {
    var minted = mintToken(data.ticket);
    data.token = minted.token;
    data.expires_in = minted.expiresIn;
    if (!data.token) {
      data.error = gs.getMessage('The JWT provider did not sign a token; check the JWT key and its keystore.');
    }
  }
})();
