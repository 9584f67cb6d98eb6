namespace AxonFlow.Postgres.Embedded;

/// <summary>The three DSNs of a deployment: the owner (migrations), the app role (request traffic), the platform admin (cross-org workers).</summary>
public sealed record DatabaseConnectionStrings(string Owner, string App, string PlatformAdmin)
{
    public override string ToString() => "DatabaseConnectionStrings { *** }";
}
