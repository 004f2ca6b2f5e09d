using DelegationWidgets.Host;

// Configuration and shipped files (forms, policy) are read next to the host; data (the database) lives in the current directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddDelegationHost();

var app = builder.Build();
await app.InitializeDelegationHostAsync();
app.MapDelegationApi();
await app.RunAsync();

/// <summary>The host's entry point; public so tests and benchmarks can start it.</summary>
public partial class Program;
