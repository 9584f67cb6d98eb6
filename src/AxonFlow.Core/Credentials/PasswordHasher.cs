using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace AxonFlow.Core.Credentials;

/// <summary>
/// Portal passwords: Argon2id (memory-hard) with a per-password random salt, stored as a PHC string
/// (<c>$argon2id$v=19$m=19456,t=2,p=1$salt$hash</c>) so the cost travels with the hash.
/// Security invariant: verifying against a missing or unreadable hash does the same work as a real one (a decoy hash at
/// the current cost), so "no such user" and "wrong password" cost the same.
/// </summary>
public sealed class PasswordHasher
{
    private const string Prefix = "$argon2id$v=19$";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private readonly Argon2Cost _cost;
    private readonly Lazy<string> _decoy;

    public PasswordHasher(Argon2Cost? cost = null)
    {
        _cost = cost ?? Argon2Cost.Default;
        if (!_cost.IsValid)
        {
            throw new ArgumentException($"Argon2id memory must be {Argon2Cost.MinMemoryKib}-{Argon2Cost.MaxMemoryKib} KiB and passes 1-{Argon2Cost.MaxPasses}.", nameof(cost));
        }

        _decoy = new Lazy<string>(() => Hash(Convert.ToHexString(RandomNumberGenerator.GetBytes(16))));
    }

    public Argon2Cost Cost => _cost;

    public string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(password, salt, _cost, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}m={_cost.MemoryKib},t={_cost.Passes},p=1${Encode(salt)}${Encode(hash)}");
    }

    /// <summary>Checks a password against a stored hash (or against the decoy when there is none) in constant time.</summary>
    public PasswordVerification Verify(string password, string? storedHash)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (!TryParse(storedHash, out var cost, out var salt, out var expected))
        {
            _ = TryParse(_decoy.Value, out var decoyCost, out var decoySalt, out var decoyHash);
            _ = CryptographicOperations.FixedTimeEquals(Derive(password, decoySalt!, decoyCost!, decoyHash!.Length), decoyHash);
            return new PasswordVerification(false, false);
        }

        var matches = CryptographicOperations.FixedTimeEquals(Derive(password, salt!, cost!, expected!.Length), expected);
        return new PasswordVerification(matches, matches && cost!.IsWeakerThan(_cost));
    }

    /// <summary>The work of one verification with nothing to match, for callers that have no candidate at all.</summary>
    public void VerifyDecoy(string password) => _ = Verify(password, null);

    private static byte[] Derive(string password, byte[] salt, Argon2Cost cost, int length)
    {
        var algorithm = PasswordBasedKeyDerivationAlgorithm.Argon2id(new Argon2Parameters
        {
            DegreeOfParallelism = 1,
            MemorySize = cost.MemoryKib,
            NumberOfPasses = cost.Passes,
        });
        return algorithm.DeriveBytes(Encoding.UTF8.GetBytes(password), salt, length);
    }

    private static bool TryParse(string? phc, out Argon2Cost? cost, out byte[]? salt, out byte[]? hash)
    {
        cost = null;
        salt = null;
        hash = null;
        if (phc is null || !phc.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = phc[Prefix.Length..].Split('$');
        if (parts.Length != 3)
        {
            return false;
        }

        var parameters = parts[0].Split(',');
        if (parameters.Length != 3
            || !TryReadParameter(parameters[0], "m=", out var memory)
            || !TryReadParameter(parameters[1], "t=", out var passes)
            || parameters[2] != "p=1")
        {
            return false;
        }

        cost = new Argon2Cost(memory, passes);
        salt = Decode(parts[1]);
        hash = Decode(parts[2]);
        return cost.IsValid && salt is { Length: SaltBytes } && hash is { Length: >= 16 and <= 64 };
    }

    private static bool TryReadParameter(string text, string name, out int value)
    {
        value = 0;
        return text.StartsWith(name, StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(name.Length), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static byte[]? Decode(string text)
    {
        var padded = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        var buffer = new byte[padded.Length];
        return Convert.TryFromBase64String(padded, buffer, out var written) ? buffer[..written] : null;
    }
}

/// <summary>The outcome of a password check; <see cref="NeedsRehash"/> asks the caller to store a hash at the current cost.</summary>
public readonly record struct PasswordVerification(bool Matches, bool NeedsRehash);
