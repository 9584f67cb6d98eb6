using System.Diagnostics.CodeAnalysis;

namespace AxonFlow.Core.Identity;

/// <summary>The authenticated credential or app identity (the Basic-auth username). Attribution, not isolation.</summary>
public readonly record struct ClientId
{
    /// <summary>The client the SDKs fall back to when no client id is configured.</summary>
    public const string CommunityDefault = "community";

    private ClientId(string value) => Value = value;

    public string Value { get; }

    public static ClientId Community { get; } = new(CommunityDefault);

    public static bool TryCreate(string? value, [NotNullWhen(true)] out ClientId? clientId)
    {
        if (IdentifierRules.IsValid(value))
        {
            clientId = new ClientId(value!);
            return true;
        }

        clientId = null;
        return false;
    }

    public static ClientId Create(string value) =>
        TryCreate(value, out var clientId)
            ? clientId.Value
            : throw new ArgumentException($"'{value}' is not a valid client id: {IdentifierRules.Description}.", nameof(value));

    public override string ToString() => Value;
}
