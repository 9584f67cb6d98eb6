using System.Text.Json.Nodes;
using AxonFlow.Core.Credentials;
using AxonFlow.Core.Portal;
using AxonFlow.Postgres.Portal;

namespace AxonFlow.Server.Scim;

/// <summary>
/// The writable attributes of a SCIM user while a request is applied to them. Each setter validates its value and answers
/// with the SCIM error to send, so POST, PUT and PATCH share one set of rules.
/// </summary>
internal sealed class ScimUserState
{
    public const int MaxNameLength = 256;
    private const string CoreUserPrefix = ScimSchemas.User + ":";

    private ScimUserState(LoginEmail? email)
    {
        Email = email;
    }

    public LoginEmail? Email { get; private set; }

    public string DisplayName { get; private set; } = string.Empty;

    public string? GivenName { get; private set; }

    public string? FamilyName { get; private set; }

    public string? ExternalId { get; private set; }

    public bool Active { get; private set; } = true;

    public PortalRole? Role { get; private set; }

    public string? PasswordHash { get; private set; }

    public static ScimUserState Empty() => new(null);

    public static ScimUserState From(PortalUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new ScimUserState(LoginEmail.TryCreate(user.Email, out var email, out _) ? email : null)
        {
            DisplayName = user.DisplayName,
            GivenName = user.GivenName,
            FamilyName = user.FamilyName,
            ExternalId = user.ExternalId,
            Active = user.Active,
        };
    }

    public PortalUserDraft ToDraft(string source) => new()
    {
        Email = Email ?? throw new InvalidOperationException("userName was not set."),
        DisplayName = DisplayName.Length > 0 ? DisplayName : string.Join(' ', new[] { GivenName, FamilyName }.Where(n => !string.IsNullOrEmpty(n))),
        GivenName = GivenName,
        FamilyName = FamilyName,
        ExternalId = ExternalId,
        Active = Active,
        Role = Role,
        PasswordHash = PasswordHash,
        Source = source,
    };

    /// <summary>Sets one attribute by its SCIM path (<c>active</c>, <c>userName</c>, <c>name.givenName</c>, …); null when it worked.</summary>
    public ScimResult? Set(string path, JsonNode? value, PasswordHasher passwords)
    {
        var attribute = Normalize(path);
        switch (attribute)
        {
            case "active":
                if (!ScimJson.TryBool(value, out var active))
                {
                    return Invalid("active must be true or false");
                }

                Active = active;
                return null;
            case "username":
                if (!ScimJson.TryString(value, out var userName))
                {
                    return Invalid("userName must be a string");
                }

                if (!LoginEmail.TryCreate(userName, out var email, out var problem))
                {
                    return Invalid($"userName (the login email) {problem}");
                }

                Email = email;
                return null;
            case "displayname":
                return SetText(value, "displayName", v => DisplayName = v ?? string.Empty);
            case "externalid":
                return SetText(value, "externalId", v => ExternalId = string.IsNullOrEmpty(v) ? null : v);
            case "name.givenname":
                return SetText(value, "name.givenName", v => GivenName = v);
            case "name.familyname":
                return SetText(value, "name.familyName", v => FamilyName = v);
            case "name.formatted":
                return SetText(value, "name.formatted", _ => { });
            case "name":
                return SetName(value, passwords);
            case "roles":
                return SetRoles(value);
            case "password" when value is null:
                return null;
            case "password":
                if (!ScimJson.TryString(value, out var password))
                {
                    return Invalid("password must be a string");
                }

                if (PasswordRules.Problem(password) is { } passwordProblem)
                {
                    return Invalid($"password {passwordProblem}");
                }

                PasswordHash = passwords.Hash(password!);
                return null;
            default:
                // emails mirror userName (the login); attributes not stored here (title, locale, the enterprise
                // extension, …) are accepted without effect, as identity providers send them unasked.
                return null;
        }
    }

    /// <summary>Removes one attribute (PATCH <c>remove</c>); required attributes cannot be removed.</summary>
    public ScimResult? Remove(string path)
    {
        switch (Normalize(path))
        {
            case "displayname":
                DisplayName = string.Empty;
                return null;
            case "externalid":
                ExternalId = null;
                return null;
            case "name.givenname":
                GivenName = null;
                return null;
            case "name.familyname":
                FamilyName = null;
                return null;
            case "name":
                GivenName = null;
                FamilyName = null;
                return null;
            case "roles":
                Role = PortalRole.Member;
                return null;
            case "username" or "active" or "password":
                return ScimResult.Error(StatusCodes.Status400BadRequest, $"'{Printable(path)}' cannot be removed", ScimErrorTypes.Mutability);
            default:
                return null;
        }
    }

    private ScimResult? SetName(JsonNode? value, PasswordHasher passwords)
    {
        if (value is null)
        {
            GivenName = null;
            FamilyName = null;
            return null;
        }

        if (value is not JsonObject name)
        {
            return Invalid("name must be an object");
        }

        foreach (var (key, part) in name)
        {
            if (Set("name." + key, part, passwords) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    private ScimResult? SetRoles(JsonNode? value)
    {
        if (value is null)
        {
            Role = PortalRole.Member;
            return null;
        }

        var entries = value is JsonArray array ? array.ToList() : [value];
        var admin = false;
        foreach (var entry in entries)
        {
            var roleValue = entry is JsonObject complex ? ScimJson.Get(complex, "value") : entry;
            if (!ScimJson.TryString(roleValue, out var text) || !PortalRoleNames.TryParse(text, out var role))
            {
                return Invalid($"roles values must be {PortalRoleNames.AllowedValues}");
            }

            admin |= role == PortalRole.Admin;
        }

        Role = admin ? PortalRole.Admin : PortalRole.Member;
        return null;
    }

    private static ScimResult? SetText(JsonNode? value, string name, Action<string?> set)
    {
        if (!ScimJson.TryString(value, out var text))
        {
            return Invalid($"{name} must be a string");
        }

        if (text is { Length: > MaxNameLength } || (text is not null && text.Any(char.IsControl)))
        {
            return Invalid($"{name} must be at most {MaxNameLength} characters without control characters");
        }

        set(text?.Trim());
        return null;
    }

    private static string Normalize(string path)
    {
        var trimmed = path.Trim();
        if (trimmed.StartsWith(CoreUserPrefix, StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[CoreUserPrefix.Length..];
        }

        return trimmed.ToLowerInvariant();
    }

    private static ScimResult Invalid(string detail) => ScimResult.Error(StatusCodes.Status400BadRequest, detail, ScimErrorTypes.InvalidValue);

    private static string Printable(string value) => value.Length > 64 ? value[..64] + "…" : value;
}
