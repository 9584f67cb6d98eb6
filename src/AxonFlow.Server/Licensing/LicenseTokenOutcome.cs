using AxonFlow.Core.Licensing;
using AxonFlow.Server.Errors;

namespace AxonFlow.Server.Licensing;

/// <summary>The verdict on a request's <c>X-License-Token</c> (seed 002): none sent, a usable token, or a refusal to send.</summary>
public abstract record LicenseTokenOutcome
{
    private LicenseTokenOutcome()
    {
    }

    /// <summary>No header: the Free / baseline tier; the request goes on unmodified.</summary>
    public sealed record Absent : LicenseTokenOutcome;

    /// <summary>A valid, unrevoked token for this client and scope: the request runs at <see cref="LicensePayload.Tier"/>.</summary>
    public sealed record Accepted(LicensePayload Payload) : LicenseTokenOutcome;

    /// <summary>Refused: write it with <see cref="WriteAsync"/> (middleware) or return <see cref="ToResult"/> (endpoints).</summary>
    public sealed record Rejected(int StatusCode, string Error, string Reason) : LicenseTokenOutcome
    {
        public Task WriteAsync(HttpContext context) => ApiErrorWriter.WriteAsync(context, StatusCode, Error, Reason);

        public IResult ToResult(HttpContext context) => ApiErrorWriter.Result(context, StatusCode, Error, Reason);
    }
}
