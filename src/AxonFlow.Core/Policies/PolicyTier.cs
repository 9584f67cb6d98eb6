namespace AxonFlow.Core.Policies;

/// <summary>Who owns a policy: the platform (global, read-only), an organization, or one tenant (client) of it.</summary>
public enum PolicyTier
{
    System,
    Organization,
    Tenant,
}
