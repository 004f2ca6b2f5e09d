using Microsoft.AspNetCore.Components.Web;
using DelegationWidgets.Widgets.Audit;
using DelegationWidgets.Widgets.Components;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

// The widgets' WebAssembly entry: no root component of its own; loader.js defines <dw-form> and <dw-audit> as custom
// elements that add these components into themselves (Blazor.rootComponents.add) and remove them when they leave the page.
var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.RegisterForJavaScript<DwForm>("dw-form");
builder.RootComponents.RegisterForJavaScript<DwAudit>("dw-audit");
builder.Services.AddDelegationWidgets();
await builder.Build().RunAsync();
