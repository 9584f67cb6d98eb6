namespace AxonFlow.Server.Providers.Routing;

internal enum CircuitState
{
    Closed,
    Open,
    HalfOpen,
}
