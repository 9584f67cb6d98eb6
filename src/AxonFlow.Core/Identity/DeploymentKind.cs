namespace AxonFlow.Core.Identity;

/// <summary>Whether this is a real production deployment; production turns dev conveniences into refusals.</summary>
public enum DeploymentKind
{
    Dev,
    Production,
}
