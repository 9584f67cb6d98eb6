using System.Security.Cryptography;
using System.Text;

namespace AxonFlow.Core.CommunitySaas;

/// <summary>
/// The keyed hashes (HMAC-SHA256 under the server's credential hash key) Community SaaS stores instead of values: an
/// email for "tenants per email" without reading addresses, a tenant id for the erasure ledger without re-identifying
/// anyone. Each use has its own purpose prefix, so one digest can never stand in for another.
/// </summary>
public sealed class CommunitySaasDigests
{
    private const string EmailPurpose = "axonflow.csaas.email.v1:";
    private const string SubjectPurpose = "axonflow.csaas.erased-subject.v1:";

    private readonly byte[] _key;

    public CommunitySaasDigests(ReadOnlySpan<byte> key)
    {
        if (key.Length < Credentials.CredentialHasher.MinimumKeyBytes)
        {
            throw new ArgumentException($"The digest key must be at least {Credentials.CredentialHasher.MinimumKeyBytes} bytes.", nameof(key));
        }

        _key = key.ToArray();
    }

    /// <summary>The digest of an email address after <see cref="NormalizeEmail"/> (case and surrounding space ignored).</summary>
    public byte[] Email(string email) => Digest(EmailPurpose, NormalizeEmail(email));

    /// <summary>The digest of an erased subject (a tenant id) as the erasure ledger stores it.</summary>
    public byte[] ErasedSubject(string subject)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        return Digest(SubjectPurpose, subject);
    }

    public static string NormalizeEmail(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.Trim().ToLowerInvariant();
    }

    private byte[] Digest(string purpose, string value) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(purpose + value));
}
