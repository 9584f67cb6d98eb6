using System.Text.Json.Nodes;

namespace AxonFlow.Server.Scim;

/// <summary>
/// The SCIM discovery documents (RFC 7644 §4): <c>/ServiceProviderConfig</c>, <c>/Schemas</c> (the User schema as served)
/// and <c>/ResourceTypes</c>. They describe exactly what <see cref="ScimUserEndpoints"/> supports.
/// </summary>
internal static class ScimDiscoveryEndpoints
{
    public static RouteGroupBuilder MapScimDiscoveryEndpoints(this RouteGroupBuilder scim)
    {
        scim.MapGet("/ServiceProviderConfig", (HttpContext context) => new ScimResult(StatusCodes.Status200OK, ServiceProviderConfig(context.Request)));
        scim.MapGet("/Schemas", (HttpContext context) => new ScimResult(StatusCodes.Status200OK, List(UserSchema(context.Request))));
        scim.MapGet("/Schemas/{id}", (HttpContext context, string id) => string.Equals(id, ScimSchemas.User, StringComparison.OrdinalIgnoreCase)
            ? new ScimResult(StatusCodes.Status200OK, UserSchema(context.Request))
            : ScimResult.Error(StatusCodes.Status404NotFound, "Schema not found"));
        scim.MapGet("/ResourceTypes", (HttpContext context) => new ScimResult(StatusCodes.Status200OK, List(UserResourceType(context.Request))));
        scim.MapGet("/ResourceTypes/User", (HttpContext context) => new ScimResult(StatusCodes.Status200OK, UserResourceType(context.Request)));
        return scim;
    }

    private static string Base(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}/scim/v2";

    private static JsonObject List(JsonObject single) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.ListResponse),
        ["totalResults"] = 1,
        ["startIndex"] = 1,
        ["itemsPerPage"] = 1,
        ["Resources"] = new JsonArray(single),
    };

    private static JsonObject ServiceProviderConfig(HttpRequest request) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.ServiceProviderConfig),
        ["patch"] = new JsonObject { ["supported"] = true },
        ["bulk"] = new JsonObject { ["supported"] = false, ["maxOperations"] = 0, ["maxPayloadSize"] = 0 },
        ["filter"] = new JsonObject { ["supported"] = true, ["maxResults"] = ScimSchemas.MaxResults },
        ["changePassword"] = new JsonObject { ["supported"] = true },
        ["sort"] = new JsonObject { ["supported"] = false },
        ["etag"] = new JsonObject { ["supported"] = false },
        ["authenticationSchemes"] = new JsonArray(new JsonObject
        {
            ["type"] = "oauthbearertoken",
            ["name"] = "OAuth Bearer Token",
            ["description"] = "A SCIM token minted by a portal admin (POST /api/v1/portal/scim-tokens), sent as Authorization: Bearer <token>",
            ["primary"] = true,
        }),
        ["meta"] = new JsonObject { ["resourceType"] = "ServiceProviderConfig", ["location"] = Base(request) + "/ServiceProviderConfig" },
    };

    private static JsonObject UserResourceType(HttpRequest request) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.ResourceType),
        ["id"] = "User",
        ["name"] = "User",
        ["endpoint"] = "/Users",
        ["description"] = "AxonFlow portal users of the token's organization",
        ["schema"] = ScimSchemas.User,
        ["meta"] = new JsonObject { ["resourceType"] = "ResourceType", ["location"] = Base(request) + "/ResourceTypes/User" },
    };

    private static JsonObject UserSchema(HttpRequest request) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.Schema),
        ["id"] = ScimSchemas.User,
        ["name"] = "User",
        ["description"] = "An AxonFlow portal user; userName is the login email, unique across the deployment",
        ["attributes"] = new JsonArray(
            Attribute("userName", "string", required: true, uniqueness: "server", description: "The login email address"),
            Complex("name", Attribute("givenName", "string"), Attribute("familyName", "string"), Attribute("formatted", "string", mutability: "readOnly")),
            Attribute("displayName", "string"),
            Attribute("externalId", "string", caseExact: true, description: "The identity provider's id for the user, unique in the organization"),
            Attribute("active", "boolean", description: "false ends every session of the user at once"),
            Complex("emails", multiValued: true, mutability: "readOnly", Attribute("value", "string"), Attribute("type", "string"), Attribute("primary", "boolean")),
            Complex("roles", multiValued: true, mutability: "readWrite", Attribute("value", "string", description: "admin or member"), Attribute("primary", "boolean")),
            Attribute("password", "string", mutability: "writeOnly", returned: "never")),
        ["meta"] = new JsonObject { ["resourceType"] = "Schema", ["location"] = Base(request) + "/Schemas/" + ScimSchemas.User },
    };

    private static JsonObject Attribute(
        string name, string type, bool required = false, bool caseExact = false, string mutability = "readWrite", string returned = "default", string uniqueness = "none", string? description = null)
    {
        var attribute = new JsonObject
        {
            ["name"] = name,
            ["type"] = type,
            ["multiValued"] = false,
            ["required"] = required,
            ["caseExact"] = caseExact,
            ["mutability"] = mutability,
            ["returned"] = returned,
            ["uniqueness"] = uniqueness,
        };
        if (description is not null)
        {
            attribute["description"] = description;
        }

        return attribute;
    }

    private static JsonObject Complex(string name, params JsonObject[] subAttributes) => Complex(name, multiValued: false, mutability: "readWrite", subAttributes);

    private static JsonObject Complex(string name, bool multiValued, string mutability, params JsonObject[] subAttributes) => new()
    {
        ["name"] = name,
        ["type"] = "complex",
        ["multiValued"] = multiValued,
        ["required"] = false,
        ["mutability"] = mutability,
        ["returned"] = "default",
        ["subAttributes"] = new JsonArray(subAttributes),
    };
}
