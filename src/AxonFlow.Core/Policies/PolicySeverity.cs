namespace AxonFlow.Core.Policies;

/// <summary>How serious a policy hit is; ordered from least to most severe.</summary>
public enum PolicySeverity
{
    Low,
    Medium,
    High,
    Critical,
}
