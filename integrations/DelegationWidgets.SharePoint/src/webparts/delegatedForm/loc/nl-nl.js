define([], function () {
  return {
    PropertyPaneDescription: 'Een gedelegeerd formulier of de selfservicecatalogus van DelegationWidgets, aangemeld als de huidige gebruiker.',
    WidgetGroupName: 'Widget',
    ConnectionGroupName: 'Verbinding',
    ViewFieldLabel: 'Toon',
    ViewForm: 'Een gedelegeerd formulier',
    ViewCatalog: 'De selfservicecatalogus',
    FormIdFieldLabel: 'Formulier-id',
    FormIdFieldDescription: 'Het formulier, bijvoorbeeld reset-password of unlock-account.',
    TicketFieldLabel: 'Ticket',
    TicketFieldDescription: 'Optioneel: het ticket waaronder de wijzigingen worden vastgelegd.',
    ApiUrlFieldLabel: 'API-adres',
    ApiUrlFieldDescription: 'De DelegationWidgets-API, bijvoorbeeld https://dw.example/. De map /widgets/ daarvan moet een vertrouwde scriptbron zijn.',
    ResourceFieldLabel: 'Entra ID-toepassing',
    ResourceFieldDescription: 'De Application ID URI van de API, bijvoorbeeld api://delegationwidgets-api.',
    NotConfigured: 'Dit webonderdeel heeft het API-adres (https) en de Entra ID-toepassing van de API nodig: bewerk het webonderdeel om ze in te stellen.',
    FormIdInvalid: 'De formulier-id moet kebab-case zijn, bijvoorbeeld reset-password.',
    NoTokenProvider: 'SharePoint gaf geen Entra ID-tokenprovider.'
  };
});
