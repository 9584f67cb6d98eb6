using AxonFlow.Postgres.Connections;
using AxonFlow.Postgres.Diagnostics;

namespace AxonFlow.Server.Admin;

/// <summary>
/// <c>GET /api/v1/admin/diagnostics/rls</c>: the row-level-security posture as request traffic sees it (role, bypass,
/// every org table enabled + forced + with a policy) and the platform-admin role the cross-org work runs as.
/// </summary>
internal static class AdminDiagnosticsEndpoints
{
    public static void MapAdminDiagnosticsEndpoints(this RouteGroupBuilder admin) =>
        admin.MapGet("/diagnostics/rls", GetRlsAsync).WithSummary("Row-level-security diagnostics").Produces<RlsDiagnosticsResponse>();

    private static async Task<IResult> GetRlsAsync(RlsDiagnostics appDiagnostics, AxonFlowDataSources dataSources, CancellationToken cancellationToken)
    {
        var app = await appDiagnostics.GetReportAsync(cancellationToken);
        var admin = await new RlsDiagnostics(dataSources.RequirePlatformAdmin("The admin API")).GetReportAsync(cancellationToken);
        var appView = new RlsRoleView(
            app.Role,
            app.RoleBypassesRls,
            app.IsEnforced,
            [.. app.Tables.Select(t => new RlsTableView(t.Table, t.Enabled, t.Forced, t.Policies, t.IsProtected))],
            app.UnprotectedTables);
        return TypedResults.Ok(new RlsDiagnosticsResponse(
            app.IsEnforced ? "enforced" : "not_enforced",
            appView,
            new PlatformAdminRoleView(admin.Role, admin.RoleBypassesRls)));
    }
}
