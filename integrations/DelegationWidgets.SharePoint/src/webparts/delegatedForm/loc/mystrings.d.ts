declare interface IDelegatedFormWebPartStrings {
  PropertyPaneDescription: string;
  WidgetGroupName: string;
  ConnectionGroupName: string;
  ViewFieldLabel: string;
  ViewForm: string;
  ViewCatalog: string;
  FormIdFieldLabel: string;
  FormIdFieldDescription: string;
  TicketFieldLabel: string;
  TicketFieldDescription: string;
  ApiUrlFieldLabel: string;
  ApiUrlFieldDescription: string;
  ResourceFieldLabel: string;
  ResourceFieldDescription: string;
  NotConfigured: string;
  FormIdInvalid: string;
  NoTokenProvider: string;
}

declare module 'DelegatedFormWebPartStrings' {
  const strings: IDelegatedFormWebPartStrings;
  export = strings;
}
