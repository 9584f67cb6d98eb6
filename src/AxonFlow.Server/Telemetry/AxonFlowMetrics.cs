using System.Diagnostics.Metrics;
using AxonFlow.Core.Identity;

namespace AxonFlow.Server.Telemetry;

/// <summary>The service's own instruments, exported at <c>/metrics</c> beside the ASP.NET Core ones.</summary>
public sealed class AxonFlowMetrics : IDisposable
{
    public const string MeterName = "AxonFlow";

    private readonly Meter _meter;
    private readonly Counter<long> _authentications;

    public AxonFlowMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _authentications = _meter.CreateCounter<long>("axonflow.auth.attempts", unit: "{attempt}", description: "Caller authentication attempts by outcome");
    }

    public void Authenticated(CallerAuthentication how) =>
        _authentications.Add(1, new KeyValuePair<string, object?>("outcome", how.ToWireName()));

    public void AuthenticationRejected(string reason) =>
        _authentications.Add(1, new KeyValuePair<string, object?>("outcome", reason));

    public void Dispose() => _meter.Dispose();
}
