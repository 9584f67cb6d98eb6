using AxonFlow.Core.Licensing;
using static AxonFlow.Core.Tests.Licensing.Licenses;

namespace AxonFlow.Core.Tests.Licensing;

/// <summary>The outer shape is checked strictly, before any JSON is read.</summary>
public sealed class LicenseTokenFormatTests
{
    private static readonly string Valid = Issue(Deployment());

    private static string PayloadSegment => Valid[LicenseTokenFormat.Prefix.Length..Valid.IndexOf('.', StringComparison.Ordinal)];

    private static string SignatureSegment => Valid[(Valid.IndexOf('.', StringComparison.Ordinal) + 1)..];

    [Fact]
    public void TrySplit_IssuedToken_SplitsIntoSignedBytesPayloadAndSignature()
    {
        Assert.True(LicenseTokenFormat.TrySplit(Valid, out var parts, out _));

        Assert.Equal(64, parts.Signature.Length);
        Assert.Equal(System.Text.Encoding.ASCII.GetBytes(Valid[..Valid.IndexOf('.', StringComparison.Ordinal)]), parts.SignedBytes);
        Assert.StartsWith("{\"v\":3,", System.Text.Encoding.UTF8.GetString(parts.Payload), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> MalformedTokens() => new()
    {
        { string.Empty, "empty" },
        { "axon-" + Valid[5..], "does not start with 'AXON-'" },
        { "AXON " + Valid[5..], "does not start with 'AXON-'" },
        { " " + Valid, "does not start with 'AXON-'" },
        { "AXON-V2-eyJ0aWVyIjoiRU5UIn0-0a1b2c3d", "legacy AXON-V2" },
        { "AXON-" + PayloadSegment + SignatureSegment, "exactly one '.'" },
        { Valid + ".", "exactly one '.'" },
        { "AXON-" + PayloadSegment + "." + SignatureSegment[..40] + "." + SignatureSegment[40..], "exactly one '.'" },
        { "AXON-." + SignatureSegment, "empty payload" },
        { Valid + " ", "signature is not 64 bytes" },
        { Valid + "\n", "signature is not 64 bytes" },
        { Valid[..^1], "signature is not 64 bytes" },
        { Valid + "A", "signature is not 64 bytes" },
        { "AXON-" + PayloadSegment + "." + SignatureSegment + "==", "signature is not 64 bytes" },
        { "AXON-" + PayloadSegment + "." + SignatureSegment[..^2] + "+/", "signature is not 64 bytes" },
        { "AXON-" + PayloadSegment + "=." + SignatureSegment, "payload is not strict base64url" },
        { "AXON-" + PayloadSegment[..10] + " " + PayloadSegment[10..] + "." + SignatureSegment, "payload is not strict base64url" },
        { "AXON-" + PayloadSegment[..10] + "+" + PayloadSegment[11..] + "." + SignatureSegment, "payload is not strict base64url" },
        { "AXON-" + PayloadSegment[..10] + "/" + PayloadSegment[11..] + "." + SignatureSegment, "payload is not strict base64url" },
        { "AXON-" + PayloadSegment[..10] + "é" + PayloadSegment[11..] + "." + SignatureSegment, "payload is not strict base64url" },
        { "AXON-" + new string('A', 8200) + "." + SignatureSegment, "longer than 8192" },
    };

    [Theory]
    [MemberData(nameof(MalformedTokens))]
    public void Verify_MalformedToken_IsRejectedAsMalformedWithItsReason(string token, string expected)
    {
        var failed = Assert.IsType<LicenseVerification.Failed>(Verify(token));

        Assert.Equal(LicenseRejection.Malformed, failed.Reason);
        Assert.Contains(expected, failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_Null_IsMalformed()
    {
        Assert.Equal(LicenseRejection.Malformed, RejectionOf(Verify(null)));
    }

    [Fact]
    public void Verify_SignatureWithNonCanonicalTrailingBits_IsMalformed()
    {
        // 64 bytes end in a 2-character group: its second character carries 4 unused bits that must be zero.
        var last = SignatureSegment[^1];
        var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var sibling = alphabet[alphabet.IndexOf(last, StringComparison.Ordinal) | 1];
        var token = "AXON-" + PayloadSegment + "." + SignatureSegment[..^1] + sibling;

        Assert.NotEqual(Valid, token);
        Assert.Equal(LicenseRejection.Malformed, RejectionOf(Verify(token)));
    }

    [Fact]
    public void Verify_MessageNeverContainsTheToken()
    {
        var tampered = Valid[..^3] + "AAA";

        var failed = Assert.IsType<LicenseVerification.Failed>(Verify(tampered));

        Assert.DoesNotContain(PayloadSegment[..20], failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SignatureSegment[..20], failed.Message, StringComparison.Ordinal);
    }
}
