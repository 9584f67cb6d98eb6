using AxonFlow.Postgres.Migrations;

namespace AxonFlow.Postgres.Operations;

/// <summary>What operator tooling learns about a database in one read-only pass; nothing in it is a customer value.</summary>
/// <param name="ServerVersionNum"><c>server_version_num</c>, e.g. 150018.</param>
/// <param name="ServerVersion"><c>server_version</c>, e.g. "15.18 (Debian 15.18-0+deb12u1)".</param>
/// <param name="CurrentUser">The role the inspection ran as.</param>
/// <param name="CurrentUserBypassesRls">That role is a superuser or has BYPASSRLS.</param>
/// <param name="HasMigrationTable">Whether <c>schema_migrations</c> exists.</param>
/// <param name="Applied">Its rows by version (empty when it does not exist).</param>
/// <param name="ExistingBaselineTables">Which of <see cref="LegacyBaseline.Tables"/> exist.</param>
/// <param name="OrgColumns">Every table with an <c>org_id</c> column.</param>
/// <param name="Roles">The runtime roles that exist (absent ones are missing from the list).</param>
/// <param name="Archiver">WAL archiving.</param>
public sealed record DatabaseSnapshot(
    int ServerVersionNum,
    string ServerVersion,
    string CurrentUser,
    bool CurrentUserBypassesRls,
    bool HasMigrationTable,
    IReadOnlyDictionary<int, AppliedMigration> Applied,
    IReadOnlySet<string> ExistingBaselineTables,
    IReadOnlyList<OrgColumnCount> OrgColumns,
    IReadOnlyList<RoleState> Roles,
    ArchiverState Archiver)
{
    public RoleState? Role(string name) => Roles.FirstOrDefault(r => r.Name == name);

    public bool IsApplied(int version) => Applied.TryGetValue(version, out var row) && row.Success;
}
