using System.Threading.Channels;

namespace AxonFlow.Server.CommunitySaas.SelfService;

/// <summary>
/// Work a request hands off so its answer is the same, in content and timing, whether or not the address or tenant it
/// names exists (OWASP forgot-password: asynchronous send, no early exit). One reader, in order. Bounded: when full, the
/// job is dropped and logged — the caller still gets the same answer and may ask again.
/// </summary>
internal sealed class SelfServiceQueue
{
    private readonly Channel<SelfServiceJob> _jobs = Channel.CreateBounded<SelfServiceJob>(new BoundedChannelOptions(1024)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    public bool TryEnqueue(SelfServiceJob job) => _jobs.Writer.TryWrite(job);

    public ChannelReader<SelfServiceJob> Reader => _jobs.Reader;
}

/// <summary>One handed-off piece of work; <paramref name="Name"/> is what the log says (never a token or an address).</summary>
internal sealed record SelfServiceJob(string Name, Func<CancellationToken, Task> Run);
