using AxonFlow.Cli.Preflight;
using AxonFlow.Core.Identity;
using AxonFlow.Core.Isolation;
using AxonFlow.Postgres.Migrations;
using AxonFlow.Postgres.Operations;
using AxonFlow.Postgres.Roles;

namespace AxonFlow.IntegrationTests.Operations;

/// <summary>Facts for the pure check tests: a reachable PostgreSQL 15 with nothing on it, varied one aspect at a time.</summary>
internal sealed class PreflightFactsBuilder
{
    public static readonly DateOnly Today = new(2026, 12, 1);

    private PreflightEnvironment _environment = new() { DeploymentKindValue = "production", Kind = DeploymentKind.Production, OrgIdValue = "acme-corp", Org = OrgId.Create("acme-corp"), AppRoleUrlSet = true };
    private DatabaseSnapshot? _database = new(
        150018,
        "15.18",
        "axonflow",
        CurrentUserBypassesRls: true,
        HasMigrationTable: false,
        new Dictionary<int, AppliedMigration>(),
        new HashSet<string>(),
        [],
        [],
        new ArchiverState("off", "", "", 0, null, 0, null, null));

    private string? _problem;
    private string? _evidence;

    public static AppliedMigration AppliedRow(MigrationScript script, bool success = true, string? error = null, string? checksum = null) =>
        new(script.Version, script.Name, checksum ?? script.Checksum, DateTimeOffset.UnixEpoch, 10, success, error);

    public static OrgColumnCount Table(string name, long empty = 0, long saas = 0, long global = 0, long localDev = 0, bool hidden = false) =>
        new(name, HasTenantId: true, empty, saas, global, localDev, hidden);

    public static RoleState AppRole(bool bypass = false, bool superuser = false, bool canLogin = true, bool? hasPassword = true, bool marker = false) =>
        new(RuntimeRoles.AppRole, canLogin, bypass, superuser, hasPassword, marker);

    public static RoleState PlatformAdmin(bool bypass = true, bool canLogin = true, bool? hasPassword = true) =>
        new(RuntimeRoles.PlatformAdmin, canLogin, bypass, false, hasPassword, false);

    public PreflightFactsBuilder Environment(Func<PreflightEnvironment, PreflightEnvironment> change)
    {
        _environment = change(_environment);
        return this;
    }

    public PreflightFactsBuilder Kind(string? value)
    {
        _environment = _environment with
        {
            DeploymentKindValue = value,
            Kind = value switch { null or "dev" => DeploymentKind.Dev, "production" => DeploymentKind.Production, _ => null },
        };
        return this;
    }

    public PreflightFactsBuilder Org(string? value)
    {
        _environment = _environment with { OrgIdValue = value, Org = OrgId.TryCreate(value, out var org) ? org : null };
        return this;
    }

    public PreflightFactsBuilder Workers(params AdminPoolWorker[] workers)
    {
        _environment = _environment with { Workers = workers.ToHashSet() };
        return this;
    }

    public PreflightFactsBuilder Database(Func<DatabaseSnapshot, DatabaseSnapshot> change)
    {
        _database = change(_database!);
        return this;
    }

    public PreflightFactsBuilder Unreachable(string problem)
    {
        _database = null;
        _problem = problem;
        return this;
    }

    public PreflightFactsBuilder Evidence(string evidence)
    {
        _evidence = evidence;
        return this;
    }

    public PreflightFacts Build() => new(_environment, _database, _problem, _evidence, Today);
}
