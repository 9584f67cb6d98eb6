using System.Threading.Channels;

namespace AxonFlow.Server.Email;

/// <summary>
/// Wakes this node's delivery worker ahead of its next poll: the outbox listener calls <see cref="Wake"/> on every
/// notification, and a feature may call it after committing a message. Wake-ups coalesce and are never lost: one that
/// arrives during a drain makes the worker drain again.
/// </summary>
public sealed class EmailDeliverySignal
{
    private readonly Channel<bool> _wakeups = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    public void Wake() => _wakeups.Writer.TryWrite(true);

    /// <summary>Returns after a wake-up or <paramref name="timeout"/> on <paramref name="timeProvider"/>'s clock.</summary>
    internal async Task WaitAsync(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var wakeup = _wakeups.Reader.WaitToReadAsync(waiting.Token).AsTask();
        var poll = Task.Delay(timeout, timeProvider, waiting.Token);
        await Task.WhenAny(wakeup, poll);
        await waiting.CancelAsync();
        _wakeups.Reader.TryRead(out _);
    }
}
