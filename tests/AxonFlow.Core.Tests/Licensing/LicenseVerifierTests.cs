using AxonFlow.Core.Identity;
using AxonFlow.Core.Licensing;
using static AxonFlow.Core.Tests.Licensing.Licenses;

namespace AxonFlow.Core.Tests.Licensing;

/// <summary>Signature-level verification: the key the kid selects, the signature, then the payload.</summary>
public sealed class LicenseVerifierTests
{
    [Fact]
    public void Verify_IssuedToken_ReturnsEveryClaim()
    {
        var verified = Assert.IsType<LicenseVerification.Verified>(Verify(Issue(Deployment())));

        var payload = verified.Payload;
        Assert.Equal(3, payload.Version);
        Assert.Equal("lic-0001", payload.Jti);
        Assert.Equal("test-2026", payload.Kid);
        Assert.Equal(LicenseTier.Enterprise, payload.Tier);
        Assert.Same(LicenseAudience.SelfHostedFull, payload.Audience);
        Assert.Equal(OrgId.Create("acme"), payload.LicensedOrg);
        Assert.Equal(Now.AddDays(-30), payload.IssuedAt);
        Assert.Equal(Now.AddDays(335), payload.ExpiresAt);
        Assert.Equal(5, payload.MaxNodes);
        Assert.Equal(["sso"], payload.Features);
    }

    [Fact]
    public void Verify_TamperedPayload_FailsTheSignature()
    {
        var token = Issue(Deployment());
        var other = Issue(Deployment() with { MaxNodes = 500 });
        var forged = other[..other.IndexOf('.', StringComparison.Ordinal)] + token[token.IndexOf('.', StringComparison.Ordinal)..];

        Assert.Equal(LicenseRejection.BadSignature, RejectionOf(Verify(forged)));
    }

    [Fact]
    public void Verify_EveryOneCharacterChangeOfThePayload_IsRejected()
    {
        var token = Issue(Deployment());
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        for (var i = LicenseTokenFormat.Prefix.Length; i < dot; i++)
        {
            var replacement = token[i] == 'A' ? 'B' : 'A';
            var tampered = token[..i] + replacement + token[(i + 1)..];

            Assert.IsType<LicenseVerification.Failed>(Verify(tampered));
        }
    }

    [Fact]
    public void Verify_TamperedSignature_IsRejected()
    {
        var token = Issue(Deployment());
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        var tampered = token[..(dot + 10)] + (token[dot + 10] == 'A' ? 'B' : 'A') + token[(dot + 11)..];

        Assert.Equal(LicenseRejection.BadSignature, RejectionOf(Verify(tampered)));
    }

    [Fact]
    public void Verify_SignatureOfAnotherToken_IsRejected()
    {
        var token = Issue(Deployment());
        var other = Issue(Plugin());

        var spliced = token[..token.IndexOf('.', StringComparison.Ordinal)] + other[other.IndexOf('.', StringComparison.Ordinal)..];

        Assert.Equal(LicenseRejection.BadSignature, RejectionOf(Verify(spliced)));
    }

    [Fact]
    public void Verify_EveryTruncation_IsRejected()
    {
        var token = Issue(Deployment());
        for (var length = 0; length < token.Length; length++)
        {
            Assert.IsType<LicenseVerification.Failed>(Verify(token[..length]));
        }
    }

    [Fact]
    public void Verify_KidNotInTheKeyring_IsUnknownKey()
    {
        var token = Issue(Deployment() with { Kid = OtherKey.Kid }, OtherKey);

        var failed = Assert.IsType<LicenseVerification.Failed>(Verify(token));

        Assert.Equal(LicenseRejection.UnknownKey, failed.Reason);
        Assert.Contains("'other-2026'", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_KnownKidSignedByAnotherKey_FailsTheSignature()
    {
        using var impostor = LicenseSigningKey.Generate(Key.Kid);

        Assert.Equal(LicenseRejection.BadSignature, RejectionOf(Verify(Issue(Deployment(), impostor))));
    }

    [Fact]
    public void Verify_V2Payload_LicensesItsOrgId()
    {
        var token = SignRaw($$"""{"v":2,"kid":"{{Key.Kid}}","tier":"Enterprise","org_id":"legacy-org","expires_at":"20270630"}""");

        var payload = Assert.IsType<LicenseVerification.Verified>(Verify(token)).Payload;

        Assert.Equal(2, payload.Version);
        Assert.Equal(OrgId.Create("legacy-org"), payload.LicensedOrg);
        Assert.Null(payload.DeploymentId);
        Assert.Equal(new DateTimeOffset(2027, 6, 30, 23, 59, 59, TimeSpan.Zero), payload.ExpiresAt);
    }

    [Fact]
    public void Verify_V3PayloadWithItsOrgIdAlias_LicensesTheDeploymentId()
    {
        var token = Issue(Deployment() with { LegacyOrgId = OrgId.Create("acme") });

        var payload = Assert.IsType<LicenseVerification.Verified>(Verify(token)).Payload;

        Assert.Equal(OrgId.Create("acme"), payload.DeploymentId);
        Assert.Equal(OrgId.Create("acme"), payload.LicensedOrg);
    }

    [Fact]
    public void Verify_PayloadWithoutVersion_IsInferredFromItsOrgField()
    {
        var v3 = Verify(SignRaw($$"""{"kid":"{{Key.Kid}}","tier":"enterprise","deployment_id":"acme","expires_at":"2027-06-30"}"""));
        var v2 = Verify(SignRaw($$"""{"kid":"{{Key.Kid}}","tier":"enterprise","org_id":"acme","expires_at":"2027-06-30"}"""));

        Assert.Equal(3, Assert.IsType<LicenseVerification.Verified>(v3).Payload.Version);
        Assert.Equal(2, Assert.IsType<LicenseVerification.Verified>(v2).Payload.Version);
    }

    [Theory]
    [InlineData("""{"v":3,"tier":"enterprise","deployment_id":"a","org_id":"b","expires_at":"2027-06-30"}""", "different organizations")]
    [InlineData("""{"v":2,"tier":"enterprise","deployment_id":"a","expires_at":"2027-06-30"}""", "v2 payload")]
    [InlineData("""{"v":4,"tier":"enterprise","deployment_id":"a","expires_at":"2027-06-30"}""", "v=4 is not supported")]
    [InlineData("""{"v":"3","tier":"enterprise","deployment_id":"a","expires_at":"2027-06-30"}""", "claim v must be a whole number")]
    [InlineData("""{"v":3,"tier":"gold","deployment_id":"a","expires_at":"2027-06-30"}""", "tier 'gold' is not one of")]
    [InlineData("""{"v":3,"deployment_id":"a","expires_at":"2027-06-30"}""", "names no tier")]
    [InlineData("""{"v":3,"tier":"enterprise","aud":"axonflow.cloud.full","deployment_id":"a","expires_at":"2027-06-30"}""", "six License Matrix values")]
    [InlineData("""{"v":3,"tier":"enterprise","aud":"AXONFLOW.SAAS.PLUGIN","deployment_id":"a","expires_at":"2027-06-30"}""", "six License Matrix values")]
    [InlineData("""{"v":3,"tier":"enterprise","deployment_id":"a b","expires_at":"2027-06-30"}""", "deployment_id is not an organization id")]
    [InlineData("""{"v":3,"tier":"pro","tenant_id":"x\ny","expires_at":"2027-06-30"}""", "tenant_id is not a client id")]
    [InlineData("""{"v":3,"tier":"enterprise","deployment_id":"a"}""", "names no expires_at")]
    [InlineData("""{"v":3,"tier":"enterprise","deployment_id":"a","expires_at":"next year"}""", "claim expires_at must be an RFC 3339 time")]
    [InlineData("""{"v":3,"tier":"enterprise","deployment_id":"a","expires_at":"2027-06-30","max_nodes":0}""", "claim max_nodes must be a whole number from 1")]
    [InlineData("""{"v":3,"tier":"enterprise","deployment_id":"a","expires_at":"2027-06-30","max_nodes":2.5}""", "claim max_nodes must be a whole number")]
    [InlineData("""{"v":3,"tier":"enterprise","deployment_id":"a","expires_at":"2027-06-30","features":"sso"}""", "claim features must be an array")]
    [InlineData("""{"v":3,"tier":"enterprise","deployment_id":"a","expires_at":"2027-06-30","features":["SSO"]}""", "feature 'SSO'")]
    [InlineData("""{"v":3,"tier":"enterprise","deployment_id":"a","expires_at":"2027-06-30","tier":"plus"}""", "repeats a claim")]
    [InlineData("""{"v":3,"tier":"enterprise","deployment_id":"a","expires_at":"2027-06-30","x":[[[[[1]]]]]}""", "not valid JSON")]
    public void Verify_SignedButInvalidPayload_IsInvalidPayload(string claimsWithoutKid, string expected)
    {
        var json = claimsWithoutKid.Insert(1, $"\"kid\":\"{Key.Kid}\",");

        var failed = Assert.IsType<LicenseVerification.Failed>(Verify(SignRaw(json)));

        Assert.Equal(LicenseRejection.InvalidPayload, failed.Reason);
        Assert.Contains(expected, failed.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("""{"tier":"enterprise"}""", "names no kid")]
    [InlineData("""{"kid":7}""", "kid is not a string")]
    [InlineData("""{"kid":"a","kid":"b"}""", "names kid twice")]
    [InlineData("""{"kid":"bad kid\n"}""", "kid is not 1-64 characters")]
    [InlineData("""{"kid":"test-2026"} {}""", "not valid JSON")]
    [InlineData("""{"kid":"test-2026",}""", "not valid JSON")]
    public void Verify_PayloadWhoseKidCannotBeRead_IsMalformedBeforeAnyKeyIsTried(string payloadJson, string expected)
    {
        var failed = Assert.IsType<LicenseVerification.Failed>(Verify(SignRaw(payloadJson)));

        Assert.Equal(LicenseRejection.Malformed, failed.Reason);
        Assert.Contains(expected, failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_NestedKidIsNotTheKid()
    {
        var token = SignRaw("""{"x":{"kid":"test-2026"},"tier":"enterprise"}""");

        Assert.Contains("names no kid", Assert.IsType<LicenseVerification.Failed>(Verify(token)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_UnknownClaims_AreIgnored()
    {
        var token = SignRaw($$"""{"v":3,"kid":"{{Key.Kid}}","tier":"Plus","deployment_id":"acme","expires_at":"2027-06-30T00:00:00Z","service_name":"platform","permissions":["*"],"limits":{"x":1},"note":"n"}""");

        Assert.Equal(LicenseTier.Plus, Assert.IsType<LicenseVerification.Verified>(Verify(token)).Payload.Tier);
    }

    [Fact]
    public void Issue_PayloadForAnotherKid_Throws()
    {
        Assert.Throws<ArgumentException>(() => Issue(Deployment() with { Kid = "someone-else" }));
    }
}
