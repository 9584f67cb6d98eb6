using AxonFlow.Core.Identity;

namespace AxonFlow.Postgres.Portal;

/// <summary>What the login lookup returns for an email: enough to verify a password and place the session, no more.</summary>
public sealed record LoginCandidate(Guid UserId, OrgId Org, string? PasswordHash, bool Active, bool OrgActive)
{
    public override string ToString() => $"LoginCandidate {{ UserId = {UserId}, Org = {Org}, Active = {Active}, OrgActive = {OrgActive} }}";
}
