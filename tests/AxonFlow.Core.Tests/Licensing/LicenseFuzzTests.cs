using System.Text;
using AxonFlow.Core.Licensing;
using static AxonFlow.Core.Tests.Licensing.Licenses;

namespace AxonFlow.Core.Tests.Licensing;

/// <summary>
/// Deterministic fuzzing (seeded): thousands of random strings, structured near-tokens and mutations of a real token.
/// No input makes the validator throw, and nothing but the untouched original validates.
/// </summary>
public sealed class LicenseFuzzTests
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ {}\":,é\0\n";

    private static readonly LicenseValidator Validator = new(Keyring, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now));

    [Fact]
    public void Validate_RandomStrings_NeverThrowAndNeverValidate()
    {
        var random = new Random(20261201);
        for (var i = 0; i < 3000; i++)
        {
            var length = random.Next(0, i % 10 == 0 ? 9000 : 300);
            var text = (random.Next(2) == 0 ? "AXON-" : string.Empty) + RandomText(random, length);

            AssertRejected(text);
        }
    }

    [Fact]
    public void Validate_RandomSignedPayloads_NeverThrow()
    {
        var random = new Random(7);
        string[] fragments = ["{", "}", "[", "]", "\"kid\"", "\"test-2026\"", ":", ",", "\"tier\"", "\"enterprise\"", "\"v\"", "3", "null", "\"aud\"",
            "\"expires_at\"", "\"2027-06-30\"", "\"deployment_id\"", "\"acme\"", "\"max_nodes\"", "-1", "1e400", "\"\\u0000\"", "true"];
        var accepted = 0;
        for (var i = 0; i < 3000; i++)
        {
            var json = new StringBuilder("{\"kid\":\"test-2026\"");
            var parts = random.Next(0, 30);
            for (var p = 0; p < parts; p++)
            {
                json.Append(fragments[random.Next(fragments.Length)]);
            }

            var validation = Validator.Validate(SignRaw(json.ToString()), LicenseValidationContext.SelfHostedDeployment);
            accepted += validation is LicenseValidation.Valid ? 1 : 0;
        }

        // Signed nonsense is still nonsense: random fragments practically never form a complete, valid license.
        Assert.True(accepted < 10, $"{accepted} random payloads validated");
    }

    [Fact]
    public void Validate_MutationsOfARealToken_NeverThrowAndNeverValidate()
    {
        var token = Issue(Deployment());
        Assert.IsType<LicenseValidation.Valid>(Validator.Validate(token, LicenseValidationContext.SelfHostedDeployment));
        var random = new Random(1234);
        var tested = 0;
        while (tested < 5000)
        {
            var mutated = Mutate(random, token);
            if (mutated == token)
            {
                continue;
            }

            AssertRejected(mutated);
            tested++;
        }
    }

    private static void AssertRejected(string token)
    {
        var validation = Validator.Validate(token, LicenseValidationContext.SelfHostedDeployment);

        var invalid = Assert.IsType<LicenseValidation.Invalid>(validation);
        Assert.False(string.IsNullOrWhiteSpace(invalid.Message));
        Assert.DoesNotContain('\n', invalid.Message);
    }

    private static string Mutate(Random random, string token)
    {
        var chars = new StringBuilder(token);
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits; e++)
        {
            var position = random.Next(chars.Length);
            switch (random.Next(6))
            {
                case 0:
                    chars[position] = Alphabet[random.Next(Alphabet.Length)];
                    break;
                case 1:
                    chars.Remove(position, 1);
                    break;
                case 2:
                    chars.Insert(position, Alphabet[random.Next(Alphabet.Length)]);
                    break;
                case 3:
                    chars.Length = position;
                    break;
                case 4:
                    // Flip one bit of the character (stays in the same region of the alphabet more often).
                    chars[position] = (char)(chars[position] ^ (1 << random.Next(7)));
                    break;
                default:
                    var length = random.Next(1, Math.Max(2, chars.Length - position));
                    var segment = chars.ToString(position, Math.Min(length, chars.Length - position));
                    chars.Insert(random.Next(chars.Length), segment);
                    break;
            }

            if (chars.Length == 0)
            {
                break;
            }
        }

        return chars.ToString();
    }

    private static string RandomText(Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = Alphabet[random.Next(Alphabet.Length)];
        }

        return new string(chars);
    }
}
