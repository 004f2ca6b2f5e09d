import { Version } from '@microsoft/sp-core-library';
import { AadTokenProvider } from '@microsoft/sp-http';
import {
  IPropertyPaneConfiguration,
  IPropertyPaneDropdownOption,
  PropertyPaneDropdown,
  PropertyPaneTextField
} from '@microsoft/sp-property-pane';
import { BaseClientSideWebPart } from '@microsoft/sp-webpart-base';
import * as strings from 'DelegatedFormWebPartStrings';

import {
  installHostBridge,
  isFormId,
  loadWidgetLoader,
  normalizeApiUrl,
  renderWidget,
  widgetLanguage,
  WidgetView
} from '../../hosting/PageBridge';

/** The web part's properties (page authors set them in the property pane). */
export interface IDelegatedFormWebPartProps {
  /** The DelegationWidgets API, e.g. https://dw.example/ (loader.js is loaded from its /widgets/). */
  apiUrl: string;
  /** The Entra ID application of the API (its Application ID URI, e.g. api://delegationwidgets-api). */
  resource: string;
  /** form: one delegated form; catalog: the self-service catalog. */
  view: WidgetView;
  /** The form's id (kebab-case), for the form view. */
  formId: string;
  /** A ticket reference the changes are recorded under (optional). */
  ticket: string;
}

/**
 * Embeds a DelegationWidgets form or the catalog. The widgets are signed in with the user's Entra ID token for the API,
 * from SharePoint's AadTokenProvider (the permission is requested in package-solution.json), through window.dwHost.
 */
export default class DelegatedFormWebPart extends BaseClientSideWebPart<IDelegatedFormWebPartProps> {
  private tokenProvider: AadTokenProvider | undefined;

  protected async onInit(): Promise<void> {
    await super.onInit();
    this.tokenProvider = await this.context.aadTokenProviderFactory.getTokenProvider();
  }

  public render(): void {
    const apiUrl: string | undefined = normalizeApiUrl(this.properties.apiUrl);
    const resource: string = (this.properties.resource || '').trim();
    const view: WidgetView = this.properties.view === 'catalog' ? 'catalog' : 'form';
    if (!apiUrl || !resource) {
      this.showMessage(strings.NotConfigured);
      return;
    }

    if (view === 'form' && !isFormId(this.properties.formId)) {
      this.showMessage(strings.FormIdInvalid);
      return;
    }

    const lang: string = widgetLanguage(this.context.pageContext.cultureInfo.currentUICultureName);
    const conflict: string | undefined = installHostBridge(window, apiUrl, (forceRefresh: boolean) => this.token(resource, forceRefresh), lang);
    if (conflict) {
      this.showMessage(conflict);
      return;
    }

    let host: HTMLElement | null = this.domElement.querySelector('.dw-sp-host');
    if (!host) {
      this.domElement.textContent = '';
      host = document.createElement('div');
      host.className = 'dw-sp-host';
      this.domElement.appendChild(host);
    }

    renderWidget(host, { view, formId: this.properties.formId, ticket: this.properties.ticket, lang });
    loadWidgetLoader(document, apiUrl).catch((error: Error) => this.showMessage(error.message));
  }

  protected get dataVersion(): Version {
    return Version.parse('1.0');
  }

  protected getPropertyPaneConfiguration(): IPropertyPaneConfiguration {
    const views: IPropertyPaneDropdownOption[] = [
      { key: 'form', text: strings.ViewForm },
      { key: 'catalog', text: strings.ViewCatalog }
    ];
    return {
      pages: [
        {
          header: { description: strings.PropertyPaneDescription },
          groups: [
            {
              groupName: strings.WidgetGroupName,
              groupFields: [
                PropertyPaneDropdown('view', { label: strings.ViewFieldLabel, options: views }),
                PropertyPaneTextField('formId', { label: strings.FormIdFieldLabel, description: strings.FormIdFieldDescription }),
                PropertyPaneTextField('ticket', { label: strings.TicketFieldLabel, description: strings.TicketFieldDescription })
              ]
            },
            {
              groupName: strings.ConnectionGroupName,
              groupFields: [
                PropertyPaneTextField('apiUrl', { label: strings.ApiUrlFieldLabel, description: strings.ApiUrlFieldDescription }),
                PropertyPaneTextField('resource', { label: strings.ResourceFieldLabel, description: strings.ResourceFieldDescription })
              ]
            }
          ]
        }
      ]
    };
  }

  // SharePoint caches the token itself and renews it before it expires; forceRefresh skips that cache.
  private token(resource: string, forceRefresh: boolean): Promise<string> {
    if (!this.tokenProvider) {
      return Promise.reject(new Error(strings.NoTokenProvider));
    }

    return this.tokenProvider.getToken(resource, { useCachedToken: !forceRefresh });
  }

  private showMessage(text: string): void {
    this.domElement.textContent = '';
    const message: HTMLParagraphElement = document.createElement('p');
    message.className = 'dw-sp-message';
    message.setAttribute('role', 'alert');
    message.textContent = text;
    this.domElement.appendChild(message);
  }
}
