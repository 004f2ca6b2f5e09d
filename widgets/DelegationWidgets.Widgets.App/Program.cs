using System.Reflection;
using Microsoft.AspNetCore.Components.Web;
using DelegationWidgets.Widgets.Audit;
using DelegationWidgets.Widgets.Catalog;
using DelegationWidgets.Widgets.Components;
using DelegationWidgets.Widgets.Forms;
using Microsoft.AspNetCore.Components.WebAssembly.Services;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

// The widgets' WebAssembly entry: no root component of its own; loader.js defines <dw-form>, <dw-audit>, <dw-catalog>,
// <dw-requests> and <dw-approvals> as custom elements that add these components into themselves (Blazor.rootComponents.add)
// and remove them when they leave the page.
var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.RegisterForJavaScript<DwForm>("dw-form");
builder.RootComponents.RegisterForJavaScript<DwAudit>("dw-audit");
builder.RootComponents.RegisterForJavaScript<DwCatalog>("dw-catalog");
builder.RootComponents.RegisterForJavaScript<DwRequests>("dw-requests");
builder.RootComponents.RegisterForJavaScript<DwApprovals>("dw-approvals");
builder.Services.AddDelegationWidgets();
builder.Services.AddDelegationSelfService();
var host = builder.Build();
var lazy = host.Services.GetRequiredService<LazyAssemblyLoader>();
// The Form Profile's assemblies, lazy-loaded (the list is the project's BlazorWebAssemblyLazyLoad items).
var lazyAssemblies = typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "LazyAssemblies").Value!.Split(';');
ProfileLoader.Loader = () => lazy.LoadAssembliesAsync(lazyAssemblies);
await host.RunAsync();
