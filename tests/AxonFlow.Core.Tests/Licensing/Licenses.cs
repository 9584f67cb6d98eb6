using System.Text;
using AxonFlow.Core.Identity;
using AxonFlow.Core.Licensing;

namespace AxonFlow.Core.Tests.Licensing;

/// <summary>Keys and payloads for the licensing tests; the keys are generated once per run.</summary>
internal static class Licenses
{
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public static LicenseSigningKey Key { get; } = LicenseSigningKey.Generate("test-2026");

    public static LicenseSigningKey OtherKey { get; } = LicenseSigningKey.Generate("other-2026");

    public static LicenseKeyring Keyring { get; } = Key.ToKeyring();

    public static LicensePayload Deployment(LicenseAudience? audience = null) => new()
    {
        Version = 3,
        Jti = "lic-0001",
        Kid = Key.Kid,
        Tier = LicenseTier.Enterprise,
        Audience = audience ?? LicenseAudience.SelfHostedFull,
        DeploymentId = OrgId.Create("acme"),
        IssuedAt = Now.AddDays(-30),
        ExpiresAt = Now.AddDays(335),
        MaxNodes = 5,
        Features = ["sso"],
    };

    public static LicensePayload Plugin(LicenseAudience? audience = null) => new()
    {
        Version = 3,
        Jti = "pro-0001",
        Kid = Key.Kid,
        Tier = LicenseTier.Pro,
        Audience = audience ?? LicenseAudience.SaasPlugin,
        TenantId = ClientId.Create("cs_tenant"),
        IssuedAt = Now.AddDays(-1),
        ExpiresAt = Now.AddDays(89),
    };

    public static string Issue(LicensePayload payload, LicenseSigningKey? key = null) => LicenseIssuer.Issue(key ?? Key, payload);

    /// <summary>Signs arbitrary payload bytes the way the issuer does, to test what the verifier does with signed nonsense.</summary>
    public static string SignRaw(string payloadJson, LicenseSigningKey? key = null)
    {
        var signed = LicenseTokenFormat.Prefix + Base64UrlStrict.Encode(Encoding.UTF8.GetBytes(payloadJson));
        return signed + "." + Base64UrlStrict.Encode((key ?? Key).Sign(Encoding.ASCII.GetBytes(signed)));
    }

    public static LicenseValidation Validate(string token, LicenseValidationContext context, DateTimeOffset? now = null) =>
        new LicenseValidator(Keyring, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(now ?? Now)).Validate(token, context);

    public static LicenseVerification Verify(string? token) => new LicenseVerifier(Keyring).Verify(token);

    public static LicenseRejection RejectionOf(LicenseValidation validation) =>
        Assert.IsType<LicenseValidation.Invalid>(validation).Reason;

    public static LicenseRejection RejectionOf(LicenseVerification verification) =>
        Assert.IsType<LicenseVerification.Failed>(verification).Reason;
}
