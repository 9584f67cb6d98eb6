using AxonFlow.Core.Identity;

namespace AxonFlow.Postgres.Migrations;

/// <summary>What the backfill migrations need to know about the deployment; passed to them as transaction-local settings.</summary>
/// <param name="DeploymentOrg">The configured <c>ORG_ID</c>, or null when it is unset (the prod-safety abort needs to tell the two apart).</param>
/// <param name="Kind">Dev or production.</param>
public sealed record MigrationContext(OrgId? DeploymentOrg, DeploymentKind Kind);
