using System.Globalization;
using AxonFlow.Core.Credentials;
using AxonFlow.Core.Portal;
using AxonFlow.Postgres.Portal;
using AxonFlow.Server.Configuration;
using AxonFlow.Server.Errors;
using AxonFlow.Server.Portal.Sessions;

namespace AxonFlow.Server.Portal.Login;

/// <summary>
/// <c>POST /api/v1/auth/login</c>: email and password in, a new session (and cookie) out.
/// Security invariants: an unknown email, a wrong password, a deactivated account, an account without a password and an
/// <c>org_id</c> that is not the account's all get the same 401 body after the same Argon2id work; throttling happens
/// before any of it; every login mints a new token, and a session cookie presented with the login is ended.
/// </summary>
internal sealed partial class LoginEndpoint(
    PortalUserStore users,
    PortalSessionStore sessions,
    PasswordHasher passwords,
    LoginRateLimiter limiter,
    AxonFlowSettings settings,
    TimeProvider timeProvider,
    ILogger<LoginEndpoint> logger) : IDisposable
{
    /// <summary>
    /// Argon2id takes 19 MiB per verification; a flood of logins from many addresses must not multiply that without bound,
    /// so at most two verifications per core run at once and the rest wait their turn.
    /// </summary>
    private readonly SemaphoreSlim _hashing = new(Math.Max(2, 2 * Environment.ProcessorCount));

    public async Task<IResult> ProcessAsync(HttpContext context, LoginRequest? request, CancellationToken cancellationToken)
    {
        if (CrossSiteRequests.IsRefused(context.Request))
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status403Forbidden, PortalMessages.CrossSite, ErrorReasons.CrossSiteRequest);
        }

        if (request is null)
        {
            return Invalid(context, "A JSON body with email and password is required");
        }

        if (!LoginEmail.TryCreate(request.Email, out var email, out var emailProblem))
        {
            return Invalid(context, $"email {emailProblem}");
        }

        if (request.Password is not { Length: > 0 and <= PasswordRules.MaxLength } password)
        {
            return Invalid(context, request.Password is { Length: > 0 } ? $"password must be at most {PasswordRules.MaxLength} characters" : "password is required");
        }

        var address = Networking.ClientAddress.Of(context);
        if (limiter.TryAcquire(address, email.Value.Key) is { } retryAfter)
        {
            Log.Throttled(logger);
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return ApiErrorWriter.Result(context, StatusCodes.Status429TooManyRequests, "Too many login attempts; retry later", ErrorReasons.RateLimited);
        }

        var candidate = await users.LookupForLoginAsync(email.Value, cancellationToken);
        PasswordVerification verification;
        await _hashing.WaitAsync(cancellationToken);
        try
        {
            verification = passwords.Verify(password, candidate?.PasswordHash);
        }
        finally
        {
            _hashing.Release();
        }

        if (candidate is null || !verification.Matches || !candidate.Active
            || (request.OrgId is { Length: > 0 } org && !string.Equals(org.Trim(), candidate.Org.Value, StringComparison.Ordinal)))
        {
            Log.Refused(logger);
            return ApiErrorWriter.Result(context, StatusCodes.Status401Unauthorized, PortalMessages.InvalidLogin, ErrorReasons.InvalidCredentials);
        }

        if (!candidate.OrgActive)
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status403Forbidden, PortalMessages.OrgSuspended, ErrorReasons.OrgSuspended);
        }

        await EndPresentedSessionAsync(context, cancellationToken);
        var now = timeProvider.GetUtcNow();
        var started = await sessions.StartAsync(
            candidate.Org,
            candidate.UserId,
            now,
            now + settings.Portal.SessionLifetime,
            verification.NeedsRehash ? await HashAsync(password, cancellationToken) : null,
            cancellationToken);
        SessionCookie.Write(context, settings, started.Token, settings.Portal.SessionLifetime);
        Log.SignedIn(logger, candidate.UserId, candidate.Org.Value);

        var (user, orgName) = await users.GetProfileAsync(candidate.Org, candidate.UserId, cancellationToken);
        var userView = new PortalUserView(candidate.UserId, user?.Email ?? email.Value.Value, user?.DisplayName ?? string.Empty, (user?.Role ?? PortalRole.Member).ToWire());
        var orgView = new PortalOrgView(candidate.Org.Value, orgName ?? candidate.Org.Value);
        var idle = settings.Portal.SessionIdleTimeout;
        var sessionView = new PortalSessionView(started.CreatedAt, started.ExpiresAt, Min(now + idle, started.ExpiresAt), (int)idle.TotalSeconds);
        return TypedResults.Ok(new LoginResponse(started.Token, orgView.Id, userView.Email, userView.DisplayName, started.ExpiresAt, userView, orgView, sessionView));
    }

    /// <summary>Rotation: the session a presented cookie names ends, whoever it belongs to, before the new one starts.</summary>
    private async Task EndPresentedSessionAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (SessionCookie.Read(context.Request) is { } old && await sessions.LookupAsync(old, cancellationToken) is { } previous)
        {
            await sessions.EndAsync(previous.Org, previous.SessionId, cancellationToken);
        }
    }

    public void Dispose() => _hashing.Dispose();

    private async Task<string> HashAsync(string password, CancellationToken cancellationToken)
    {
        await _hashing.WaitAsync(cancellationToken);
        try
        {
            return passwords.Hash(password);
        }
        finally
        {
            _hashing.Release();
        }
    }

    private static IResult Invalid(HttpContext context, string message) =>
        ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, message, ErrorReasons.InvalidRequest);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static partial class Log
    {
        [LoggerMessage(EventId = 1311, Level = LogLevel.Information, Message = "Portal login refused")]
        public static partial void Refused(ILogger logger);

        [LoggerMessage(EventId = 1312, Level = LogLevel.Warning, Message = "Portal login throttled")]
        public static partial void Throttled(ILogger logger);

        [LoggerMessage(EventId = 1313, Level = LogLevel.Information, Message = "Portal user {UserId} of {OrgId} signed in")]
        public static partial void SignedIn(ILogger logger, Guid userId, string orgId);
    }
}
