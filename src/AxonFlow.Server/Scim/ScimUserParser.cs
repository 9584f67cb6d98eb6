using System.Text.Json.Nodes;
using AxonFlow.Core.Credentials;

namespace AxonFlow.Server.Scim;

/// <summary>Reads a full User resource (POST, PUT) and a PatchOp (PATCH) into a <see cref="ScimUserState"/>.</summary>
internal static class ScimUserParser
{
    public const int MaxOperations = 100;

    /// <summary>
    /// Applies every attribute of a full resource to <paramref name="state"/>. Attributes the body leaves out keep their
    /// value on PUT except displayName, name and externalId, which a replacement clears; roles and password are kept
    /// unless sent (identity providers rarely send them).
    /// </summary>
    public static ScimResult? ApplyResource(JsonObject body, ScimUserState state, PasswordHasher passwords)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(state);
        if (ScimJson.Get(body, "userName") is null)
        {
            return ScimResult.Error(StatusCodes.Status400BadRequest, "userName is required (the user's login email)", ScimErrorTypes.InvalidValue);
        }

        foreach (var cleared in new[] { "displayName", "name", "externalId" })
        {
            _ = state.Remove(cleared);
        }

        foreach (var (name, value) in body)
        {
            if (state.Set(name, value, passwords) is { } error)
            {
                return error;
            }
        }

        return ScimJson.Get(body, "active") is null ? state.Set("active", true, passwords) : null;
    }

    /// <summary>Applies a PatchOp (RFC 7644 §3.5.2): add/replace with or without a path, and remove with a path.</summary>
    public static ScimResult? ApplyPatch(JsonObject body, ScimUserState state, PasswordHasher passwords)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(state);
        if (ScimJson.Get(body, "Operations") is not JsonArray { Count: > 0 } operations)
        {
            return Syntax("A PatchOp needs a non-empty Operations array");
        }

        if (operations.Count > MaxOperations)
        {
            return ScimResult.Error(StatusCodes.Status400BadRequest, $"At most {MaxOperations} operations per request", ScimErrorTypes.TooMany);
        }

        foreach (var node in operations)
        {
            if (node is not JsonObject operation || !ScimJson.TryString(ScimJson.Get(operation, "op"), out var op) || !ScimJson.TryString(ScimJson.Get(operation, "path"), out var path))
            {
                return Syntax("Each operation must be an object with a string op and an optional string path");
            }

            var value = ScimJson.Get(operation, "value");
            var error = (op?.ToLowerInvariant(), path) switch
            {
                ("remove", null) => ScimResult.Error(StatusCodes.Status400BadRequest, "remove needs a path", ScimErrorTypes.NoTarget),
                ("remove", _) => state.Remove(path),
                ("add" or "replace", null) when value is JsonObject attributes => ApplyEach(attributes, state, passwords),
                ("add" or "replace", null) => Syntax("Without a path, value must be an object of attributes"),
                ("add" or "replace", _) => state.Set(path, value, passwords),
                _ => Syntax($"op must be add, replace or remove, but was '{op}'"),
            };
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static ScimResult? ApplyEach(JsonObject attributes, ScimUserState state, PasswordHasher passwords)
    {
        foreach (var (name, value) in attributes)
        {
            if (state.Set(name, value, passwords) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    private static ScimResult Syntax(string detail) => ScimResult.Error(StatusCodes.Status400BadRequest, detail, ScimErrorTypes.InvalidSyntax);
}
