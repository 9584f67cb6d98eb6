namespace AxonFlow.Core.Identity;

/// <summary>How organizations and clients resolve (seed 003): one local org, one org per registered customer, one operated org, or the licensed org.</summary>
public enum DeploymentMode
{
    Community,
    CommunitySaas,
    Saas,
    Enterprise,
}

public static class DeploymentModeNames
{
    public const string AllowedValues = "community, community-saas, saas, enterprise";

    public static bool TryParse(string? value, out DeploymentMode mode)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case null or "" or "community":
                mode = DeploymentMode.Community;
                return true;
            case "community-saas":
                mode = DeploymentMode.CommunitySaas;
                return true;
            case "saas":
                mode = DeploymentMode.Saas;
                return true;
            case "enterprise" or "in-vpc-enterprise" or "invpc":
                mode = DeploymentMode.Enterprise;
                return true;
            default:
                mode = default;
                return false;
        }
    }

    public static string ToWireName(this DeploymentMode mode) => mode switch
    {
        DeploymentMode.Community => "community",
        DeploymentMode.CommunitySaas => "community-saas",
        DeploymentMode.Saas => "saas",
        DeploymentMode.Enterprise => "enterprise",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };
}
