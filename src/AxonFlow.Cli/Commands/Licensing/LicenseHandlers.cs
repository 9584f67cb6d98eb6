using System.Text.Json;
using AxonFlow.Core.Licensing;

namespace AxonFlow.Cli.Commands.Licensing;

/// <summary>The license sub-commands' work, on plain writers so tests and the real process see the same output.</summary>
internal static class LicenseHandlers
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static int Keygen(string directory, string? kid, TextWriter stdout, TextWriter stderr) => Run("keygen", stderr, () =>
    {
        using var key = LicenseSigningKey.Generate(kid);
        var (privatePath, publicPath) = LicenseKeyFiles.Write(directory, key);
        stdout.WriteLine($"kid: {key.Kid}");
        stdout.WriteLine($"public key (base64): {Convert.ToBase64String(key.PublicKey)}");
        stdout.WriteLine($"private key: {Path.GetFullPath(privatePath)} (mode 0600; keep it with the issuer, never on an agent)");
        stdout.WriteLine($"public key file: {Path.GetFullPath(publicPath)}");
        stdout.WriteLine($"verifying agents: {Server.Configuration.SettingNames.LicensePublicKeys}={LicenseKeyFiles.PublicLine(key)}");
    });

    public static int Issue(LicenseIssueRequest request, TimeProvider timeProvider, TextWriter stdout, TextWriter stderr) => Run("issue", stderr, () =>
    {
        using var key = LicenseKeyFiles.ReadPrivate(request.KeyDirectory);
        stdout.WriteLine(LicenseIssuer.Issue(key, request.ToPayload(key.Kid, timeProvider.GetUtcNow())));
    });

    public static int Inspect(string token, string? keyDirectory, TimeProvider timeProvider, TextWriter stdout, TextWriter stderr)
    {
        var failed = 0;
        var exit = Run("inspect", stderr, () =>
        {
            if (!LicenseTokenFormat.TrySplit(token, out var parts, out var formatError))
            {
                throw new LicenseCliException($"not a license token: {formatError}");
            }

            var keyring = keyDirectory is null ? null : LicenseKeyFiles.ReadPublic(keyDirectory);
            stdout.WriteLine(keyring is null
                ? "signature: NOT VERIFIED (inspect only decodes; pass --key-dir to verify against the issuer's license.pub)"
                : "payload as signed:");
            stdout.WriteLine(Pretty(parts.Payload));
            if (keyring is null)
            {
                return;
            }

            var verification = new LicenseVerifier(keyring).Verify(token);
            if (verification is LicenseVerification.Failed bad)
            {
                stdout.WriteLine($"signature: INVALID ({bad.Reason.ToCode()}): {bad.Message}");
                failed = 1;
                return;
            }

            var payload = ((LicenseVerification.Verified)verification).Payload;
            var audience = payload.EffectiveAudience;
            stdout.WriteLine($"signature: valid (kid {payload.Kid})");
            stdout.WriteLine($"aud: {audience.Value}{(payload.Audience is null ? " (missing; the matrix fallback)" : string.Empty)} -> hosting {(payload.HostingMode() == LicenseHostingMode.Saas ? "saas" : "self_hosted")}, scope {audience.Scope.ToString().ToLowerInvariant()}");
            foreach (var context in Enum.GetValues<LicenseValidationContext>())
            {
                stdout.WriteLine($"{context.Describe()}: {Verdict(LicenseValidator.Apply(payload, context, timeProvider.GetUtcNow()))}");
            }
        });
        return exit == 0 ? failed : exit;
    }

    public static int Verify(string token, string keyDirectory, LicenseValidationContext context, TimeProvider timeProvider, TextWriter stdout, TextWriter stderr) =>
        Run("verify", stderr, () =>
        {
            var validation = new LicenseValidator(LicenseKeyFiles.ReadPublic(keyDirectory), timeProvider).Validate(token, context);
            if (validation is LicenseValidation.Invalid invalid)
            {
                throw new LicenseCliException($"invalid ({invalid.Reason.ToCode()}): {invalid.Message}");
            }

            var payload = ((LicenseValidation.Valid)validation).Payload;
            var org = payload.LicensedOrg is { } licensed ? $", organization {licensed}" : string.Empty;
            var client = payload.TenantId is { } tenant ? $", client {tenant}" : string.Empty;
            stdout.WriteLine($"valid for {context.Describe()}: {Verdict(validation)}; tier {payload.Tier.ToWireName()}{org}{client}, aud {payload.EffectiveAudience.Value}");
        });

    private static string Verdict(LicenseValidation validation) => validation switch
    {
        LicenseValidation.Valid { InGrace: true } valid =>
            $"accepted, IN GRACE: expired {LicenseDates.Format(valid.Payload.ExpiresAt)}, refused after {LicenseDates.Format(valid.GraceEndsAt)}",
        LicenseValidation.Valid valid => $"accepted until {LicenseDates.Format(valid.Payload.ExpiresAt)}",
        LicenseValidation.Invalid invalid => $"refused ({invalid.Reason.ToCode()}): {invalid.Message}",
        _ => "unknown",
    };

    /// <summary>Display only: the decoded payload, indented; not trusted and not interpreted here.</summary>
    private static string Pretty(byte[] payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = 8 });
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return "(the payload is not JSON)";
        }
    }

    private static int Run(string command, TextWriter stderr, Action action)
    {
        try
        {
            action();
            return 0;
        }
        catch (Exception ex) when (ex is LicenseCliException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"axonflow license {command}: {ex.Message.ReplaceLineEndings(" ")}");
            return 1;
        }
    }
}
