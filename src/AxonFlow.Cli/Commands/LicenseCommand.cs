using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using AxonFlow.Cli.Commands.Licensing;
using AxonFlow.Core.Identity;
using AxonFlow.Core.Licensing;

namespace AxonFlow.Cli.Commands;

/// <summary>
/// <c>axonflow license keygen|issue|inspect|verify</c>: Ed25519 license tooling. Argument problems are usage errors
/// (exit 2, one line); a missing or unusable key file or an invalid token exits 1 with one line.
/// </summary>
internal static class LicenseCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, TextReader stdin)
    {
        var command = new Command("license", "Ed25519 license tooling: key pairs, issuing, inspecting and verifying tokens");
        command.Subcommands.Add(Keygen(stdout, stderr));
        command.Subcommands.Add(Issue(stdout, stderr));
        command.Subcommands.Add(Inspect(stdout, stderr, stdin));
        command.Subcommands.Add(Verify(stdout, stderr, stdin));
        command.SetAction(_ =>
        {
            stderr.WriteLine("axonflow license: choose keygen, issue, inspect or verify (see 'axonflow license --help')");
            return AxonFlowCli.UsageError;
        });
        return command;
    }

    private static Command Keygen(TextWriter stdout, TextWriter stderr)
    {
        var output = new Option<string>("--out") { Description = "Directory to write license.key (mode 0600) and license.pub into", Required = true };
        var kid = new Option<string?>("--kid") { Description = "Key id written into tokens (default: derived from the public key)" };
        kid.Validators.Add(result => Check(result, value => LicenseKeyIds.IsValid(value), $"--kid must be {LicenseKeyIds.Description}"));
        var command = new Command("keygen", "Create an issuer key pair; prints only the public key and the file paths");
        command.Options.Add(output);
        command.Options.Add(kid);
        command.SetAction(parse => LicenseHandlers.Keygen(parse.GetValue(output)!, parse.GetValue(kid), stdout, stderr));
        return command;
    }

    private static Command Issue(TextWriter stdout, TextWriter stderr)
    {
        var keyDir = new Option<string>("--key-dir") { Description = "Directory holding license.key (from keygen)", Required = true };
        var tier = new Option<string>("--tier") { Description = $"One of {LicenseTiers.AllowedNames}", Required = true };
        tier.Validators.Add(result => Check(result, value => LicenseTiers.TryParse(value, out _), $"--tier must be one of {LicenseTiers.AllowedNames}"));
        var aud = new Option<string>("--aud") { Description = "The License Matrix audience, e.g. axonflow.self_hosted.full", Required = true };
        aud.Validators.Add(result => Check(result, value => LicenseAudience.TryParse(value, out _), $"--aud must be one of {string.Join(", ", LicenseAudience.All.Select(a => a.Value))}"));
        var deploymentId = new Option<string?>("--deployment-id") { Description = "The licensed organization (V3 deployment_id)" };
        deploymentId.Validators.Add(result => Check(result, value => OrgId.TryCreate(value, out _), "--deployment-id must be 1-128 characters of letters, digits, '.', '_', ':', '@' or '-'"));
        var orgId = new Option<string?>("--org-id") { Description = "The licensed organization under its V2 name org_id (alone: a v2 payload)" };
        orgId.Validators.Add(result => Check(result, value => OrgId.TryCreate(value, out _), "--org-id must be 1-128 characters of letters, digits, '.', '_', ':', '@' or '-'"));
        var expires = new Option<string>("--expires") { Description = "Last valid day, YYYY-MM-DD (valid through its end, UTC)", Required = true };
        expires.Validators.Add(result => Check(result, value => TryDate(value, out var date) && date >= Today(), "--expires must be a date YYYY-MM-DD, today or later"));
        var notBefore = new Option<string?>("--not-before") { Description = "First valid day, YYYY-MM-DD (nbf)" };
        notBefore.Validators.Add(result => Check(result, value => TryDate(value, out _), "--not-before must be a date YYYY-MM-DD"));
        var maxNodes = new Option<int?>("--max-nodes") { Description = "Live agent nodes allowed (default: the tier's)" };
        maxNodes.Validators.Add(result =>
        {
            // Read the token itself: a value that is not a number already has the parser's own error.
            if (result.Tokens.Count > 0 && int.TryParse(result.Tokens[^1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var nodes)
                && nodes is < 1 or > 1_000_000)
            {
                result.AddError("--max-nodes must be a whole number from 1 to 1000000");
            }
        });
        var client = new Option<string?>("--client") { Description = "Bind the token to this client id (tenant_id); required for axonflow.saas.* audiences" };
        client.Validators.Add(result => Check(result, value => ClientId.TryCreate(value, out _), "--client must be 1-128 characters of letters, digits, '.', '_', ':', '@' or '-'"));
        var feature = new Option<string[]>("--feature") { Description = "An extra feature to license (repeatable)" };
        feature.Validators.Add(result =>
        {
            var values = result.GetValueOrDefault<string[]>() ?? [];
            if (values.Length > LicenseFeatures.MaxCount || values.Any(v => !LicenseFeatures.IsValidName(v)))
            {
                result.AddError($"--feature must be 1-64 characters of a-z, 0-9, '_', '.', ':' or '-' (at most {LicenseFeatures.MaxCount})");
            }
        });

        var command = new Command("issue", "Sign a license token with the key in --key-dir; prints the token");
        foreach (var option in new Option[] { keyDir, tier, aud, deploymentId, orgId, expires, notBefore, maxNodes, client, feature })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            var audience = LicenseAudience.TryParse(result.GetValue(aud), out var parsed) ? parsed : null;
            var deployment = result.GetValue(deploymentId);
            var org = result.GetValue(orgId);
            if (audience?.HostingMode == LicenseHostingMode.SelfHosted && deployment is null && org is null)
            {
                result.AddError("--deployment-id (or --org-id) is required for axonflow.self_hosted.* audiences: a deployment license names its organization");
            }
            else if (deployment is not null && org is not null && !string.Equals(deployment, org, StringComparison.Ordinal))
            {
                result.AddError("--org-id is an alias of --deployment-id; give one, or the same value twice");
            }
            else if (audience?.HostingMode == LicenseHostingMode.Saas && result.GetValue(client) is null)
            {
                result.AddError("--client is required for axonflow.saas.* audiences: a plugin token is bound to the client that presents it");
            }
        });

        command.SetAction(parse =>
        {
            _ = LicenseTiers.TryParse(parse.GetValue(tier), out var parsedTier);
            _ = LicenseAudience.TryParse(parse.GetValue(aud), out var parsedAudience);
            _ = TryDate(parse.GetValue(expires), out var expiresDate);
            var request = new LicenseIssueRequest(
                parse.GetValue(keyDir)!,
                parsedTier,
                parsedAudience!,
                parse.GetValue(deploymentId) is { } d ? OrgId.Create(d) : null,
                parse.GetValue(orgId) is { } o ? OrgId.Create(o) : null,
                expiresDate,
                TryDate(parse.GetValue(notBefore), out var nbf) ? nbf : null,
                parse.GetValue(maxNodes),
                parse.GetValue(client) is { } c ? ClientId.Create(c) : null,
                parse.GetValue(feature) ?? []);
            return LicenseHandlers.Issue(request, TimeProvider.System, stdout, stderr);
        });
        return command;
    }

    private static Command Inspect(TextWriter stdout, TextWriter stderr, TextReader stdin)
    {
        var token = TokenArgument();
        var keyDir = new Option<string?>("--key-dir") { Description = "Verify against license.pub in this directory (without it, inspect only decodes)" };
        var command = new Command("inspect", "Decode a token and show its License Matrix verdict; verifies only with --key-dir");
        command.Arguments.Add(token);
        command.Options.Add(keyDir);
        command.SetAction(parse => LicenseHandlers.Inspect(TokenText(parse.GetValue(token)!, stdin), parse.GetValue(keyDir), TimeProvider.System, stdout, stderr));
        return command;
    }

    private static Command Verify(TextWriter stdout, TextWriter stderr, TextReader stdin)
    {
        var token = TokenArgument();
        var keyDir = new Option<string>("--key-dir") { Description = "Directory holding the issuer's license.pub", Required = true };
        var context = new Option<string>("--context")
        {
            Description = "Accept list to apply: self-hosted (deployment loader, with its grace), saas-plugin or saas-sdk",
            DefaultValueFactory = _ => "self-hosted",
        };
        context.Validators.Add(result => Check(result, value => value is "self-hosted" or "saas-plugin" or "saas-sdk", "--context must be self-hosted, saas-plugin or saas-sdk"));
        var command = new Command("verify", "Verify a token's signature and validity: exit 0 valid, 1 invalid with the reason");
        command.Arguments.Add(token);
        command.Options.Add(keyDir);
        command.Options.Add(context);
        command.SetAction(parse => LicenseHandlers.Verify(
            TokenText(parse.GetValue(token)!, stdin),
            parse.GetValue(keyDir)!,
            parse.GetValue(context) switch
            {
                "saas-plugin" => LicenseValidationContext.SaasPlugin,
                "saas-sdk" => LicenseValidationContext.SaasSdk,
                _ => LicenseValidationContext.SelfHostedDeployment,
            },
            TimeProvider.System,
            stdout,
            stderr));
        return command;
    }

    private static Argument<string> TokenArgument() => new("TOKEN") { Description = "The token, or '-' to read it from standard input (keeps it out of shell history)" };

    private static string TokenText(string argument, TextReader stdin) => argument == "-" ? (stdin.ReadLine() ?? string.Empty).Trim() : argument;

    private static void Check(OptionResult result, Func<string, bool> isValid, string error)
    {
        if (result.GetValueOrDefault<string?>() is { } value && !isValid(value))
        {
            result.AddError(error);
        }
    }

    private static bool TryDate(string? value, out DateOnly date) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static DateOnly Today() => DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
}
