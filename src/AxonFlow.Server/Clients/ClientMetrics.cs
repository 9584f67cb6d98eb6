using System.Diagnostics.Metrics;
using AxonFlow.Core.Clients;
using AxonFlow.Server.Telemetry;

namespace AxonFlow.Server.Clients;

/// <summary>
/// <c>axonflow_client_requests_total{client, scope}</c>: governed requests by the software that sent them. The label is a
/// known client id, <c>other</c>, <c>none</c> or <c>malformed</c>, so a caller cannot grow the series.
/// </summary>
internal sealed class ClientMetrics
{
    private readonly Counter<long> _requests;

    public ClientMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        // The factory hands out one shared meter per name and disposes it.
        _requests = meterFactory.Create(AxonFlowMetrics.MeterName).CreateCounter<long>(
            "axonflow.client.requests", unit: "{request}", description: "Governed requests by client software (X-Axonflow-Client)");
    }

    public void Record(ClientIdentification client) => _requests.Add(
        1,
        new KeyValuePair<string, object?>("client", client.TelemetryLabel),
        new KeyValuePair<string, object?>("scope", client.Scope.ToString().ToLowerInvariant()));
}
