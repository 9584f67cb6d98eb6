namespace AxonFlow.Postgres.CommunitySaas;

/// <summary>A tenant's email on file (only when it opted into recovery) and its keyed digest.</summary>
public sealed record TenantContact(string? Email, byte[]? EmailHash);
