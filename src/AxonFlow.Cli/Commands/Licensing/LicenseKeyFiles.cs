using AxonFlow.Core.Licensing;

namespace AxonFlow.Cli.Commands.Licensing;

/// <summary>
/// A key directory: <c>license.key</c> (<c>kid=base64 seed</c>, mode 0600) and <c>license.pub</c> (<c>kid=base64 public
/// key</c>, the same text <c>AXONFLOW_LICENSE_PUBLIC_KEYS</c> takes). Failures are one-line <see cref="LicenseCliException"/>s.
/// </summary>
internal static class LicenseKeyFiles
{
    public const string PrivateKeyFile = "license.key";

    public const string PublicKeyFile = "license.pub";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public static (string PrivatePath, string PublicPath) Write(string directory, LicenseSigningKey key)
    {
        var privatePath = Path.Combine(directory, PrivateKeyFile);
        var publicPath = Path.Combine(directory, PublicKeyFile);
        if (File.Exists(privatePath) || File.Exists(publicPath))
        {
            throw new LicenseCliException($"{directory} already holds a key pair ({PrivateKeyFile} / {PublicKeyFile}); refusing to overwrite it");
        }

        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        // Created with mode 0600 from the start: the seed is never on disk with wider permissions, not even briefly.
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly };
        using (var writer = new StreamWriter(privatePath, System.Text.Encoding.ASCII, options))
        {
            writer.Write($"{key.Kid}={Convert.ToBase64String(key.ExportSeed())}\n");
        }

        File.WriteAllText(publicPath, PublicLine(key) + "\n");
        return (privatePath, publicPath);
    }

    public static string PublicLine(LicenseSigningKey key) => $"{key.Kid}={Convert.ToBase64String(key.PublicKey)}";

    public static LicenseSigningKey ReadPrivate(string directory)
    {
        var path = Path.Combine(directory, PrivateKeyFile);
        if (!File.Exists(path))
        {
            throw new LicenseCliException($"{path} does not exist (create a key pair with 'axonflow license keygen --out {directory}')");
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & GroupOrOther) != 0)
        {
            throw new LicenseCliException($"{path} is accessible by group or others; run 'chmod 600 {path}' (it holds the signing key)");
        }

        var text = File.ReadAllText(path).Trim();
        var separator = text.IndexOf('=', StringComparison.Ordinal);
        var seed = new byte[48];
        if (separator <= 0
            || !Convert.TryFromBase64String(text[(separator + 1)..], seed, out var written)
            || !LicenseSigningKey.TryFromSeed(seed.AsSpan(0, written), text[..separator], out var key))
        {
            throw new LicenseCliException($"{path} is not a license signing key (expected one line kid=base64 of a 32-byte seed)");
        }

        return key;
    }

    public static LicenseKeyring ReadPublic(string directory)
    {
        var path = Path.Combine(directory, PublicKeyFile);
        if (!File.Exists(path))
        {
            throw new LicenseCliException($"{path} does not exist (copy the issuer's {PublicKeyFile} into {directory})");
        }

        return LicenseKeyring.TryParse(File.ReadAllText(path), out var keyring, out var error)
            ? keyring
            : throw new LicenseCliException($"{path} is not usable: {error}");
    }
}

/// <summary>A license command failed for a reason the operator can fix; printed as one line, exit 1.</summary>
internal sealed class LicenseCliException(string message) : Exception(message);
