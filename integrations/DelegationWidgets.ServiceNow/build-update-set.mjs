// Builds the ServiceNow update set (update-set/delegationwidgets-servicenow.xml) from the widget's and UI action's source
// files under src/. Plain Node.js, no packages. Output is deterministic (sys_ids derive from the record's key, one fixed
// timestamp per release), so a rebuild without source changes gives the same file.
//
//   node build-update-set.mjs           write the update set
//   node build-update-set.mjs --check   exit 1 when the committed update set differs from what the sources give
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const output = join(here, 'update-set', 'delegationwidgets-servicenow.xml');

const RELEASE = { version: '0.1.0', timestamp: '2026-11-30 12:00:00' };
const APP = { name: 'DelegationWidgets', scope: 'x_dw_widgets', vendorPrefix: 'dw' };
const WIDGET = { id: 'dw-delegated-form', name: 'DelegationWidgets form' };
const PAGE_ID = 'dw_delegated_form';
const AUTHOR = 'admin';

const source = (path) => readFileSync(join(here, 'src', path), 'utf8');

function sysId(table, key) {
  return createHash('md5').update(`delegationwidgets:${APP.scope}:${table}:${key}`).digest('hex');
}

function escape(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text) {
  return escape(text).replace(/"/g, '&quot;');
}

// A field: a plain value, or { value, display } for a reference.
function field(name, value) {
  if (value && typeof value === 'object') {
    return `<${name} display_value="${escapeAttribute(value.display)}">${escape(value.value)}</${name}>`;
  }

  const text = value === undefined || value === null ? '' : String(value);
  return text === '' ? `<${name}/>` : `<${name}>${escape(text)}</${name}>`;
}

const appId = sysId('sys_app', APP.scope);
const appReference = { value: appId, display: APP.name };

// Every record of the application: its table, the update's type (the table's label), a display name and its fields.
const records = [];

function record(table, type, key, displayName, fields, scoped = true) {
  const id = table === 'sys_app' ? appId : sysId(table, key);
  const updateName = `${table}_${id}`;
  const common = {
    sys_class_name: table,
    sys_created_by: AUTHOR,
    sys_created_on: RELEASE.timestamp,
    sys_id: id,
    sys_mod_count: 0,
    sys_name: displayName,
    sys_updated_by: AUTHOR,
    sys_updated_on: RELEASE.timestamp,
    sys_update_name: updateName,
    ...(scoped ? { sys_package: appReference, sys_policy: '', sys_scope: appReference } : {})
  };
  const all = { ...fields, ...common };
  const body = Object.keys(all).sort().map((name) => field(name, all[name])).join('');
  const payload = `<?xml version="1.0" encoding="UTF-8"?><record_update table="${table}"><${table} action="INSERT_OR_UPDATE">${body}</${table}></record_update>`;
  records.push({ table, type, id, updateName, displayName, payload });
  return { value: id, display: displayName };
}

record('sys_app', 'Custom Application', APP.scope, APP.name, {
  active: true,
  enforce_license: false,
  js_level: 'helsinki_es5',
  licensable: false,
  logo: '',
  name: APP.name,
  private: false,
  runtime_access_tracking: 'permissive',
  scope: APP.scope,
  short_description: 'Delegated identity and access forms (DelegationWidgets) in ServiceNow incidents, signed in with a JWT the instance mints.',
  source: APP.scope,
  trackable: true,
  vendor: 'DelegationWidgets',
  vendor_prefix: APP.vendorPrefix,
  version: RELEASE.version
}, false);

const properties = [
  ['jwt_provider', '', 'sys_id of the JWT provider (System OAuth > JWT Providers) whose JWT key signs the DelegationWidgets tokens. Required.'],
  ['key_id', '', 'Key ID of that JWT key: the kid the DelegationWidgets API expects for this instance. Required.'],
  ['audience', 'delegationwidgets-api', 'aud of the minted tokens; must match the API.'],
  ['issuer', '', 'iss of the minted tokens. Empty: the instance URL (glide.servlet.uri without the trailing slash).'],
  ['token_lifetime', '300', 'Lifetime of a minted token in seconds, 1 to 300.'],
  ['ticket_tables', 'incident', 'Comma-separated tables whose records may be named as the ticket of a delegated change.'],
  ['required_role', 'itil', 'Role a user needs before the widget mints a token for them. Empty: every signed-in user.']
];
for (const [name, value, description] of properties) {
  record('sys_properties', 'System Property', name, `${APP.scope}.${name}`, {
    choices: '',
    description,
    ignore_cache: false,
    is_private: false,
    name: `${APP.scope}.${name}`,
    read_roles: '',
    suffix: name,
    type: name === 'token_lifetime' ? 'integer' : 'string',
    value,
    write_roles: 'admin'
  });
}

const widget = record('sp_widget', 'Widget', WIDGET.id, WIDGET.name, {
  category: 'custom',
  client_script: source('widget/client_script.js'),
  controller_as: 'c',
  css: source('widget/style.css'),
  data_table: 'sp_instance',
  demo_data: '',
  description: 'Shows a DelegationWidgets form (and the ticket\'s audit trail) for the ticket in the page\'s table and sys_id parameters, signed in with a JWT the instance mints for the user.',
  docs: '',
  field_list: '',
  has_preview: false,
  id: WIDGET.id,
  internal: false,
  link: source('widget/link.js'),
  name: WIDGET.name,
  option_schema: source('widget/option_schema.json'),
  public: false,
  roles: '',
  script: source('widget/server_script.js'),
  servicenow: false,
  template: source('widget/template.html')
});

const dependency = record('sp_dependency', 'Widget Dependency', 'loader', 'DelegationWidgets loader', {
  include_on_page_load: false,
  module: '',
  name: 'DelegationWidgets loader',
  page_load_portals: ''
});

const include = record('sp_js_include', 'JS Include', 'loader.js', 'DelegationWidgets loader.js', {
  display_name: 'DelegationWidgets loader.js',
  source: 'url',
  sys_ui_script: '',
  url: 'https://dw.example/widgets/loader.js'
});

record('m2m_sp_dependency_js_include', 'JS Include Relationship', 'loader:loader.js', 'DelegationWidgets loader.js', {
  order: 100,
  sp_dependency: dependency,
  sp_js_include: include
});

record('m2m_sp_widget_dependency', 'Widget Dependency Relationship', `${WIDGET.id}:loader`, 'DelegationWidgets loader', {
  sp_dependency: dependency,
  sp_widget: widget
});

record('sys_ui_action', 'UI Action', 'incident:open_delegated_form', 'Open delegated form', {
  action_name: 'dw_open_delegated_form',
  active: true,
  client: true,
  comments: 'Opens the DelegationWidgets portal page for this incident in a new tab.',
  condition: source('ui_action/condition.txt').trim(),
  form_action: true,
  form_button: true,
  form_context_menu: false,
  form_link: false,
  hint: 'Run a delegated identity or access change (reset password, unlock, group membership) for this incident',
  isolate_script: true,
  list_action: false,
  list_banner_button: false,
  list_button: false,
  list_choice: false,
  list_context_menu: false,
  list_link: false,
  messages: '',
  name: 'Open delegated form',
  onclick: 'openDelegatedForm()',
  order: 100,
  script: source('ui_action/open_delegated_form.js'),
  show_insert: false,
  show_multiple_update: false,
  show_query: false,
  show_update: true,
  table: 'incident',
  ui11_compatible: true,
  ui16_compatible: true
});

const page = record('sp_page', 'Page', PAGE_ID, PAGE_ID, {
  category: 'custom',
  css: '',
  draft: false,
  id: PAGE_ID,
  internal: false,
  public: false,
  roles: '',
  short_description: 'A DelegationWidgets form for the ticket in ?table=&sys_id= (opened by the incident UI action "Open delegated form").',
  title: 'Delegated form'
});

const container = record('sp_container', 'Container', `${PAGE_ID}:1`, `${PAGE_ID} container`, {
  background_style: 'default',
  bootstrap_alt: false,
  name: `${PAGE_ID} container`,
  order: 1,
  sp_page: page,
  width: 'container'
});

const row = record('sp_row', 'Row', `${PAGE_ID}:1:1`, `${PAGE_ID} row`, {
  order: 1,
  sp_container: container
});

const column = record('sp_column', 'Column', `${PAGE_ID}:1:1:1`, `${PAGE_ID} column`, {
  order: 1,
  size: 12,
  sp_row: row
});

record('sp_instance', 'Instance', `${PAGE_ID}:${WIDGET.id}`, WIDGET.name, {
  active: true,
  order: 1,
  sp_column: column,
  sp_widget: widget,
  title: WIDGET.name,
  widget_parameters: ''
});

const updateSetId = sysId('sys_remote_update_set', RELEASE.version);
const updateSetName = `${APP.name} ${RELEASE.version}`;

function updateXml(entry) {
  if (entry.payload.includes(']]>')) {
    throw new Error(`The payload of ${entry.updateName} contains ']]>', which cannot stand in a CDATA section.`);
  }

  const fields = [
    field('action', 'INSERT_OR_UPDATE'),
    field('application', appReference),
    field('category', 'customer'),
    field('comments', ''),
    field('name', entry.updateName),
    `<payload><![CDATA[${entry.payload}]]></payload>`,
    field('remote_update_set', { value: updateSetId, display: updateSetName }),
    field('replace_on_upgrade', false),
    field('sys_created_by', AUTHOR),
    field('sys_created_on', RELEASE.timestamp),
    field('sys_id', sysId('sys_update_xml', entry.updateName)),
    field('sys_mod_count', 0),
    field('sys_recorded_at', ''),
    field('sys_updated_by', AUTHOR),
    field('sys_updated_on', RELEASE.timestamp),
    field('table', entry.table === 'sys_ui_action' ? 'incident' : ''),
    field('target_name', entry.displayName),
    field('type', entry.type),
    field('update_domain', 'global'),
    field('update_guid', sysId('update_guid', entry.updateName)),
    field('update_guid_history', ''),
    field('update_set', ''),
    field('view', '')
  ];
  return `<sys_update_xml action="INSERT_OR_UPDATE">\n${fields.join('\n')}\n</sys_update_xml>`;
}

const updateSet = [
  '<sys_remote_update_set action="INSERT_OR_UPDATE">',
  field('application', appReference),
  field('application_name', APP.name),
  field('application_scope', APP.scope),
  field('application_version', RELEASE.version),
  field('collisions', ''),
  field('commit_date', ''),
  field('deleted', ''),
  field('description', 'DelegationWidgets for ServiceNow: the Service Portal widget that embeds the delegated forms (signed in with a JWT the instance mints), its loader dependency, the portal page dw_delegated_form, the incident UI action "Open delegated form" and the settings (x_dw_widgets.*).'),
  field('inserted', ''),
  field('name', updateSetName),
  field('origin_sys_id', ''),
  field('parent', ''),
  field('release_date', ''),
  field('remote_base_update_set', ''),
  field('remote_parent_id', ''),
  field('remote_sys_id', updateSetId),
  field('state', 'loaded'),
  field('summary', ''),
  field('sys_class_name', 'sys_remote_update_set'),
  field('sys_created_by', AUTHOR),
  field('sys_created_on', RELEASE.timestamp),
  field('sys_id', updateSetId),
  field('sys_mod_count', 0),
  field('sys_updated_by', AUTHOR),
  field('sys_updated_on', RELEASE.timestamp),
  field('update_set', ''),
  field('update_source', ''),
  field('updated', ''),
  '</sys_remote_update_set>'
].join('\n');

const xml = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  `<unload unload_date="${RELEASE.timestamp}">`,
  updateSet,
  ...records.map(updateXml),
  '</unload>',
  ''
].join('\n');

if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(output, 'utf8');
  } catch {
    // missing: reported below
  }

  if (committed !== xml) {
    console.error('update-set/delegationwidgets-servicenow.xml is out of date: run node build-update-set.mjs');
    process.exit(1);
  }

  console.log(`update set is current (${records.length} records)`);
} else {
  writeFileSync(output, xml);
  console.log(`wrote update-set/delegationwidgets-servicenow.xml (${records.length} records)`);
}
