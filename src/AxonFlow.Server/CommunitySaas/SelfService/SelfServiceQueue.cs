using System.Threading.Channels;

namespace AxonFlow.Server.CommunitySaas.SelfService;

/// <summary>
/// Work a request hands off so its answer is the same, in content and timing, whether or not the address or tenant it
/// names exists (OWASP forgot-password: asynchronous send, no early exit). One reader, in order. Bounded: when full, the
/// job is dropped and logged — the caller still gets the same answer and may ask again.
/// </summary>
internal sealed partial class SelfServiceQueue(ILogger<SelfServiceQueue> logger)
{
    private readonly Channel<SelfServiceJob> _jobs = Channel.CreateBounded<SelfServiceJob>(new BoundedChannelOptions(1024)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    public void Enqueue(SelfServiceJob job)
    {
        if (!_jobs.Writer.TryWrite(job))
        {
            Log.Dropped(logger, job.Name);
        }
    }

    public ChannelReader<SelfServiceJob> Reader => _jobs.Reader;

    private static partial class Log
    {
        [LoggerMessage(EventId = 7302, Level = LogLevel.Warning, Message = "{Job} dropped: the queue is full; the caller got the usual answer and may ask again")]
        public static partial void Dropped(ILogger logger, string job);
    }
}

/// <summary>One handed-off piece of work; <paramref name="Name"/> is what the log says (never a token or an address).</summary>
internal sealed record SelfServiceJob(string Name, Func<CancellationToken, Task> Run);
