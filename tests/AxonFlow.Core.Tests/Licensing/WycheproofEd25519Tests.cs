using System.Text.Json;
using AxonFlow.Core.Licensing;

namespace AxonFlow.Core.Tests.Licensing;

/// <summary>
/// Project Wycheproof's 151 Ed25519 vectors (TestData/README.md) through <see cref="Ed25519Verifier"/>, the wrapper the
/// license verifier calls: every valid vector verifies, every invalid one (malleable S, non-canonical R, truncated or
/// padded signatures, small-order points) is refused, and none throws.
/// </summary>
public sealed class WycheproofEd25519Tests
{
    public static TheoryData<int> Vectors() => [.. Load().Select(v => v.TcId)];

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Verify_Vector_MatchesTheExpectedResult(int tcId)
    {
        var vector = Load().Single(v => v.TcId == tcId);

        var verified = Ed25519Verifier.Verify(Convert.FromHexString(vector.Pk), Convert.FromHexString(vector.Msg), Convert.FromHexString(vector.Sig));

        Assert.True(verified == (vector.Result == "valid"), $"tcId {tcId} ({string.Join(',', vector.Flags)}): expected {vector.Result}, verified={verified}");
    }

    [Fact]
    public void Vectors_AreAllPresent()
    {
        var vectors = Load();

        Assert.Equal(151, vectors.Count);
        Assert.Equal(88, vectors.Count(v => v.Result == "valid"));
        Assert.Equal(63, vectors.Count(v => v.Result == "invalid"));
    }

    private static List<Vector> Load() => Cache.Value;

    private static readonly Lazy<List<Vector>> Cache = new(() =>
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "TestData", "wycheproof_ed25519_test.json"));
        using var document = JsonDocument.Parse(stream);
        return [.. document.RootElement.GetProperty("tests").EnumerateArray().Select(t => new Vector(
            t.GetProperty("tcId").GetInt32(),
            t.GetProperty("pk").GetString()!,
            t.GetProperty("msg").GetString()!,
            t.GetProperty("sig").GetString()!,
            t.GetProperty("result").GetString()!,
            [.. t.GetProperty("flags").EnumerateArray().Select(f => f.GetString()!)]))];
    });

    private sealed record Vector(int TcId, string Pk, string Msg, string Sig, string Result, string[] Flags);
}
