namespace AxonFlow.Server.CommunitySaas.Recovery;

/// <summary>The one answer of <c>POST /api/v1/recover</c>, identical whether or not the address is known.</summary>
internal sealed record RecoveryAccepted(string Status, string Message);

/// <summary>Fresh credentials for every recovered tenant of the address (at most three).</summary>
internal sealed record RecoveredCredentials(IReadOnlyList<RecoveredTenant> Tenants, string Note);

internal sealed record RecoveredTenant(string TenantId, string Secret, string SecretPrefix, DateTimeOffset? ExpiresAt);

/// <summary>OpenAPI shape of the request bodies (read by <see cref="SelfService.SmallJsonBody"/>).</summary>
internal sealed record RecoverRequest(string Email);

internal sealed record RecoverVerifyRequest(string Token);
