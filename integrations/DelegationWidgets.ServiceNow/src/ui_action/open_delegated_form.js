// UI action "Open delegated form" (incident form button, client side): opens the DelegationWidgets portal page for this
// incident in a new tab, so the agent keeps the incident open. The page's widget checks again, on the server, that the
// agent may read the incident before it mints a token that names it.
function openDelegatedForm() {
  var url = '/sp?id=dw_delegated_form&table=' + encodeURIComponent(g_form.getTableName())
    + '&sys_id=' + encodeURIComponent(g_form.getUniqueValue());
  g_navigation.open(url, '_blank');
}
