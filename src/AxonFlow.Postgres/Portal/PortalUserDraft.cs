using AxonFlow.Core.Portal;

namespace AxonFlow.Postgres.Portal;

/// <summary>
/// The writable fields of a portal user. On an update, a null <see cref="Role"/> or <see cref="PasswordHash"/> keeps the
/// stored value (identity providers rarely send either); on a create they mean <c>member</c> and "no password".
/// </summary>
public sealed record PortalUserDraft
{
    public const string OperatorSource = "operator";
    public const string ScimSource = "scim";

    public required LoginEmail Email { get; init; }

    public string DisplayName { get; init; } = string.Empty;

    public string? GivenName { get; init; }

    public string? FamilyName { get; init; }

    public string? ExternalId { get; init; }

    public PortalRole? Role { get; init; }

    public bool Active { get; init; } = true;

    public string? PasswordHash { get; init; }

    public string Source { get; init; } = OperatorSource;

    public override string ToString() => $"PortalUserDraft {{ Email = {Email}, Role = {Role}, Active = {Active}, Source = {Source} }}";
}
