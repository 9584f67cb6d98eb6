using AxonFlow.Core.Identity;

namespace AxonFlow.Server.Auth;

/// <summary>The verdict on a request's credentials: an identity, or a refusal carrying the status and message to send.</summary>
public abstract record AuthenticationOutcome
{
    private AuthenticationOutcome()
    {
    }

    public sealed record Authenticated(CallerIdentity Identity) : AuthenticationOutcome;

    /// <summary>A refusal; <paramref name="RetryAfterSeconds"/> is sent as <c>Retry-After</c> when set (rate limits).</summary>
    public sealed record Rejected(int StatusCode, string Message, string Reason, int? RetryAfterSeconds = null) : AuthenticationOutcome;
}
