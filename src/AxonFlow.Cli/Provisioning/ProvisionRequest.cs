using Microsoft.Extensions.Configuration;
using Npgsql;

namespace AxonFlow.Cli.Provisioning;

/// <summary>The operator-supplied passwords and <c>FORCE_RESET</c>, validated; the passwords are never generated and never printed.</summary>
internal sealed record ProvisionRequest(IReadOnlyDictionary<string, string> Passwords, bool ForceReset)
{
    public const string ForceResetVariable = "FORCE_RESET";

    public const int MinimumPasswordLength = 16;

    public string PasswordFor(RoleTarget target) => Passwords[target.Role];

    /// <summary>Reads the request; returns null and one message per problem when it is unusable.</summary>
    public static ProvisionRequest? Read(IConfiguration configuration, string ownerConnectionString, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(errors);
        string? Value(string name) => configuration[name] is { } raw && raw.Trim() is { Length: > 0 } trimmed ? trimmed : null;

        var passwords = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var target in RoleTarget.Both)
        {
            var password = Value(target.PasswordVariable);
            if (password is null)
            {
                errors.Add($"{target.PasswordVariable} is not set: this command never generates a password. Store a strong one in your secret manager first, then export it.");
            }
            else if (password.Length < MinimumPasswordLength)
            {
                errors.Add($"{target.PasswordVariable} must be at least {MinimumPasswordLength} characters, but was {password.Length}.");
            }
            else
            {
                passwords[target.Role] = password;
            }
        }

        if (passwords.Count == 2 && passwords.Values.Distinct(StringComparer.Ordinal).Count() == 1)
        {
            errors.Add($"{RoleTarget.AppRolePasswordVariable} and {RoleTarget.PlatformAdminPasswordVariable} must differ: the BYPASSRLS role needs its own secret.");
        }

        var ownerPassword = new NpgsqlConnectionStringBuilder(ownerConnectionString).Password;
        if (ownerPassword is not null && passwords.ContainsValue(ownerPassword))
        {
            errors.Add($"{RoleTarget.AppRolePasswordVariable} and {RoleTarget.PlatformAdminPasswordVariable} must not reuse the schema owner's password.");
        }

        var forceValue = Value(ForceResetVariable);
        var forceReset = false;
        switch (forceValue?.ToLowerInvariant())
        {
            case null or "0" or "false" or "no" or "off":
                break;
            case "1" or "true" or "yes" or "on":
                forceReset = true;
                break;
            default:
                errors.Add($"{ForceResetVariable} must be 1 or 0, but was '{forceValue}'.");
                break;
        }

        return errors.Count == 0 ? new ProvisionRequest(passwords, forceReset) : null;
    }
}
