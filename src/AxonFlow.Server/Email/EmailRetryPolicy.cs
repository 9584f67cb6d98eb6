namespace AxonFlow.Server.Email;

/// <summary>
/// Exponential backoff with jitter: attempt n waits base × 2^(n-1), capped at an hour, then a random point in its upper
/// half ("equal jitter"), so nodes retrying one relay spread out instead of returning together.
/// </summary>
internal sealed class EmailRetryPolicy(int maxAttempts, TimeSpan retryBase)
{
    public static readonly TimeSpan MaxDelay = TimeSpan.FromHours(1);

    public int MaxAttempts => maxAttempts;

    /// <summary>True when the attempt just made was the last one allowed.</summary>
    public bool IsExhausted(int attemptsMade) => attemptsMade >= maxAttempts;

    /// <param name="attemptsMade">Attempts so far, including the one that just failed (1 or more).</param>
    /// <param name="unitRandom">A random value in [0, 1).</param>
    public TimeSpan DelayAfter(int attemptsMade, double unitRandom)
    {
        var exponent = Math.Clamp(attemptsMade - 1, 0, 30);
        var full = TimeSpan.FromTicks((long)Math.Min(MaxDelay.Ticks, retryBase.Ticks * Math.Pow(2, exponent)));
        return full / 2 + full / 2 * Math.Clamp(unitRandom, 0, 1);
    }
}
