using AxonFlow.Core.Identity;

namespace AxonFlow.Postgres.Credentials;

/// <summary>What to issue: the client id (generated when null), a non-secret label, and an optional expiry.</summary>
public sealed record CredentialRequest(ClientId? Client, string Label, DateTimeOffset? ExpiresAt);
