namespace DelegationWidgets.Connectors.Http.Resilience;

/// <summary>
/// How a connector logs the events of its <see cref="HttpPipeline"/>, in its own messages and event ids.
/// </summary>
/// <param name="Retry">A retry: its number (1 for the first), the wait before it, and what failed (<c>HTTP 503</c>, <c>TimeoutRejectedException</c>).</param>
/// <param name="CircuitOpened">The circuit opened: for how long, and the last failure.</param>
/// <param name="CircuitClosed">The circuit closed: the system answers again.</param>
internal sealed record HttpPipelineLog(Action<int, TimeSpan, string> Retry, Action<TimeSpan, string> CircuitOpened, Action CircuitClosed);
