using DelegationWidgets.Connectors;

namespace DelegationWidgets.Host.Lookups;

/// <summary>The configured connectors by logical target name (forms name them in <c>task.connector</c>).</summary>
internal sealed class ConnectorRegistry(IEnumerable<IDirectoryConnector> connectors)
{
    private readonly Dictionary<string, IDirectoryConnector> _byName = connectors.ToDictionary(c => c.Name, StringComparer.Ordinal);

    public IDirectoryConnector Get(string name) => _byName.TryGetValue(name, out var connector)
        ? connector
        : throw new InvalidOperationException($"No connector is configured for the target '{name}'.");

    public bool Has(string name) => _byName.ContainsKey(name);
}
