using System.Globalization;
using System.Text.Json.Nodes;
using AxonFlow.Core.Portal;
using AxonFlow.Postgres.Portal;

namespace AxonFlow.Server.Scim;

/// <summary>A portal user as a SCIM <c>User</c> resource (RFC 7643 §4.1). <c>userName</c> is the login email; the password is never returned.</summary>
internal static class ScimUserResource
{
    public static string Location(HttpRequest request, Guid id) => $"{request.Scheme}://{request.Host}{request.PathBase}/scim/v2/Users/{id}";

    public static JsonObject ToJson(PortalUser user, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(user);
        var name = new JsonObject();
        if (user.GivenName is not null)
        {
            name["givenName"] = user.GivenName;
        }

        if (user.FamilyName is not null)
        {
            name["familyName"] = user.FamilyName;
        }

        if (string.Join(' ', new[] { user.GivenName, user.FamilyName }.Where(n => !string.IsNullOrEmpty(n))) is { Length: > 0 } formatted)
        {
            name["formatted"] = formatted;
        }

        var resource = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.User),
            ["id"] = user.Id.ToString(),
        };
        if (user.ExternalId is not null)
        {
            resource["externalId"] = user.ExternalId;
        }

        resource["userName"] = user.Email;
        resource["name"] = name;
        resource["displayName"] = user.DisplayName;
        resource["emails"] = new JsonArray(new JsonObject { ["value"] = user.Email, ["type"] = "work", ["primary"] = true });
        resource["active"] = user.Active;
        resource["roles"] = new JsonArray(new JsonObject { ["value"] = user.Role.ToWire(), ["primary"] = true });
        resource["meta"] = new JsonObject
        {
            ["resourceType"] = "User",
            ["created"] = Timestamp(user.CreatedAt),
            ["lastModified"] = Timestamp(user.UpdatedAt),
            ["location"] = Location(request, user.Id),
            ["version"] = $"W/\"{user.UpdatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}\"",
        };
        return resource;
    }

    public static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
