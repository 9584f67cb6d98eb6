using AxonFlow.Core.Identity;

namespace AxonFlow.Postgres.Migrations;

/// <summary>
/// The org backfill's prod-safety precondition (seed 000). The migrator checks it before applying anything when the
/// backfill is pending, so an aborted boot changes no row at all; migration 003 repeats the check in SQL.
/// </summary>
public static class ProdSafety
{
    /// <summary>The abort message (the same text migration 003 raises), or null when the backfill may run.</summary>
    public static string? AbortReason(MigrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Kind != DeploymentKind.Production || context.DeploymentOrg is { IsLocalDevSentinel: false })
        {
            return null;
        }

        var state = context.DeploymentOrg is null ? "unset" : "the local-dev-org sentinel";
        return $"Migration 003 prod-safety abort: DEPLOYMENT_KIND=production but ORG_ID is {state}; refusing to stamp the dev sentinel onto customer rows. Set ORG_ID to your real customer identifier and restart.";
    }
}
