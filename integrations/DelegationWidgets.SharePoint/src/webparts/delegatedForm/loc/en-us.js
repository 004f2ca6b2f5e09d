define([], function () {
  return {
    PropertyPaneDescription: 'A delegated form or the self-service catalog of DelegationWidgets, signed in as the current user.',
    WidgetGroupName: 'Widget',
    ConnectionGroupName: 'Connection',
    ViewFieldLabel: 'Show',
    ViewForm: 'A delegated form',
    ViewCatalog: 'The self-service catalog',
    FormIdFieldLabel: 'Form id',
    FormIdFieldDescription: 'The form to show, e.g. reset-password or unlock-account.',
    TicketFieldLabel: 'Ticket',
    TicketFieldDescription: 'Optional: the ticket the changes are recorded under.',
    ApiUrlFieldLabel: 'API address',
    ApiUrlFieldDescription: 'The DelegationWidgets API, e.g. https://dw.example/. Its /widgets/ folder must be a trusted script source.',
    ResourceFieldLabel: 'Entra ID application',
    ResourceFieldDescription: 'The Application ID URI of the API, e.g. api://delegationwidgets-api.',
    NotConfigured: 'This web part needs the API address (https) and the Entra ID application of the API: edit the web part to set them.',
    FormIdInvalid: 'The form id must be kebab-case, e.g. reset-password.',
    NoTokenProvider: 'SharePoint did not provide an Entra ID token provider.'
  };
});
