namespace AxonFlow.Postgres.Operations;

/// <summary>One table with an <c>org_id</c> column, and how many of its rows the org backfill cares about.</summary>
/// <param name="Table">The table name (schema <c>public</c>).</param>
/// <param name="HasTenantId">Whether the table still carries the legacy <c>tenant_id</c>.</param>
/// <param name="EmptyOrgRows">Rows with a NULL or empty <c>org_id</c> that are not global system rows: what the backfill stamps.</param>
/// <param name="CommunitySaasRows">Of those, rows whose <c>tenant_id</c> starts with <c>cs_</c> (Pass 1 makes them their own org).</param>
/// <param name="GlobalTenantRows">Rows with an empty <c>org_id</c> and <c>tenant_id = 'global'</c>, which the backfill leaves alone.</param>
/// <param name="LocalDevOrgRows">Rows owned by the dev sentinel <c>local-dev-org</c>.</param>
/// <param name="HiddenByRls">Row-level security hides the table's rows from the inspecting role, so the counts are not meaningful.</param>
public sealed record OrgColumnCount(
    string Table,
    bool HasTenantId,
    long EmptyOrgRows,
    long CommunitySaasRows,
    long GlobalTenantRows,
    long LocalDevOrgRows,
    bool HiddenByRls);
