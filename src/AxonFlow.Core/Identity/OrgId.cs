using System.Diagnostics.CodeAnalysis;

namespace AxonFlow.Core.Identity;

/// <summary>The isolation boundary: every customer-data row carries one, and row-level security filters on it.</summary>
public readonly record struct OrgId
{
    /// <summary>The dev-only sentinel organization used when <c>ORG_ID</c> is not set.</summary>
    public const string LocalDevSentinel = "local-dev-org";

    private OrgId(string value) => Value = value;

    public string Value { get; }

    public static OrgId LocalDev { get; } = new(LocalDevSentinel);

    public bool IsLocalDevSentinel => Value == LocalDevSentinel;

    /// <summary>Accepts 1–128 characters of letters, digits and <c>._:-</c>; anything else is not an organization id.</summary>
    public static bool TryCreate(string? value, [NotNullWhen(true)] out OrgId? orgId)
    {
        if (IdentifierRules.IsValid(value))
        {
            orgId = new OrgId(value!);
            return true;
        }

        orgId = null;
        return false;
    }

    public static OrgId Create(string value) =>
        TryCreate(value, out var orgId)
            ? orgId.Value
            : throw new ArgumentException($"'{value}' is not a valid organization id: {IdentifierRules.Description}.", nameof(value));

    public override string ToString() => Value;
}
