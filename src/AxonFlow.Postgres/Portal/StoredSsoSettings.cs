namespace AxonFlow.Postgres.Portal;

/// <summary>An org's SSO row: the protocol, the validated non-secret fields as JSON, and the encrypted client secret if any.</summary>
public sealed record StoredSsoSettings(string Protocol, bool Enabled, string ConfigJson, byte[]? ClientSecretCipher, string UpdatedBy, DateTimeOffset UpdatedAt)
{
    public override string ToString() => $"StoredSsoSettings {{ Protocol = {Protocol}, Enabled = {Enabled}, UpdatedBy = {UpdatedBy} }}";
}
