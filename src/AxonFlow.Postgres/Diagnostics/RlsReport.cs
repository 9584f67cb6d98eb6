namespace AxonFlow.Postgres.Diagnostics;

/// <summary>Row-level-security posture of every table that carries <c>org_id</c>, as seen from one role.</summary>
public sealed record RlsReport(string Role, bool RoleBypassesRls, IReadOnlyList<RlsTableStatus> Tables)
{
    /// <summary>True only when the role is filtered and every org table is enabled, forced and has a policy.</summary>
    public bool IsEnforced => !RoleBypassesRls && Tables.Count > 0 && Tables.All(t => t.IsProtected);

    public IReadOnlyList<string> UnprotectedTables => [.. Tables.Where(t => !t.IsProtected).Select(t => t.Table)];
}

/// <summary>One org-scoped table: RLS enabled, forced, and how many policies it has.</summary>
public sealed record RlsTableStatus(string Table, bool Enabled, bool Forced, int Policies)
{
    public bool IsProtected => Enabled && Forced && Policies > 0;
}
