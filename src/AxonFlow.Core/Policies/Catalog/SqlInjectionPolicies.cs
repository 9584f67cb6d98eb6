using AxonFlow.Core.Policies.Matching;
using static AxonFlow.Core.Policies.Catalog.SqlInjectionPatterns;

namespace AxonFlow.Core.Policies.Catalog;

/// <summary>The 37 scanner patterns grouped by technique, plus the administrative-catalog probe.</summary>
internal static class SqlInjectionPolicies
{
    private const string Sqli = PolicyCategories.SecuritySqli;
    private const string Label = "sql";

    public static IEnumerable<SystemPolicyEntry> Create()
    {
        // Requirements every pattern of a family shares; a prompt without them skips the whole family. The families whose
        // keywords are common English (update, create, drop …) run as one combined regex; see PatternMatcher.Combine.
        var equals = TextGate.AnyChar("=");
        var semicolon = TextGate.AnyChar(";");

        yield return SystemPolicyEntry.Create(
            "sys_sqli_union", "UNION-based SQL injection", Sqli, PolicySeverity.Critical, PolicyAction.Block, 100, true, Label,
            "UNION [ALL] SELECT appended to a query to read other tables.",
            TextGate.AnyKeyword("union"),
            new PatternMatcher(UnionSelect), new PatternMatcher(UnionInjection));

        yield return SystemPolicyEntry.Create(
            "sys_sqli_boolean", "Boolean-based blind SQL injection", Sqli, PolicySeverity.High, PolicyAction.Block, 90, true, Label,
            "Tautologies such as OR 1=1, OR 'a'='a' and AND 1=2 that change a WHERE clause.",
            equals.And(TextGate.AnyKeyword("or", "and")),
            new PatternMatcher(OrTrueCondition), new PatternMatcher(OrStringCondition), new PatternMatcher(AndFalseCondition));

        yield return SystemPolicyEntry.Create(
            "sys_sqli_time_blind", "Time-based blind SQL injection", Sqli, PolicySeverity.Critical, PolicyAction.Block, 100, false, Label,
            "SLEEP, WAITFOR DELAY, PG_SLEEP and BENCHMARK used to infer data from response times.",
            TextGate.AnyKeyword("sleep", "waitfor", "benchmark"),
            new PatternMatcher(Sleep), new PatternMatcher(WaitforDelay), new PatternMatcher(PgSleep), new PatternMatcher(Benchmark));

        yield return SystemPolicyEntry.Create(
            "sys_sqli_error_based", "Error-based SQL injection", Sqli, PolicySeverity.High, PolicyAction.Block, 90, true, Label,
            "EXTRACTVALUE, UPDATEXML and CONVERT(INT, …) used to leak data through error messages.",
            TextGate.AnyKeyword("extractvalue", "updatexml", "convert"),
            new PatternMatcher(ExtractValue), new PatternMatcher(UpdateXml), new PatternMatcher(ConvertInt));

        yield return SystemPolicyEntry.Create(
            "sys_sqli_stacked", "Stacked query (DROP/DELETE/UPDATE/INSERT/EXEC)", Sqli, PolicySeverity.Critical, PolicyAction.Block, 100, false, Label,
            "A second, destructive statement chained after a semicolon.",
            semicolon.And(TextGate.AnyKeyword("drop", "delete", "update", "insert", "exec")),
            PatternMatcher.Combine(SemicolonDrop, SemicolonDelete, SemicolonUpdate, SemicolonInsert, SemicolonExec));

        yield return SystemPolicyEntry.Create(
            "sys_sqli_comment", "Comment-based SQL injection", Sqli, PolicySeverity.High, PolicyAction.Block, 90, true, Label,
            "/* */, # and -- comments used to splice a statement or hide the rest of a query.",
            TextGate.AnyKeyword("/*", "#", "--"),
            new PatternMatcher(InlineComment), new PatternMatcher(LineCommentHash), new PatternMatcher(LineCommentDoubleDash));

        yield return SystemPolicyEntry.Create(
            "sys_sqli_stacked_select", "Stacked SELECT after string break-out", Sqli, PolicySeverity.High, PolicyAction.Block, 90, true, Label,
            "A quote or parenthesis closed, then ; SELECT … FROM.",
            semicolon.And(TextGate.AnyKeyword("select")),
            new PatternMatcher(SelectFrom));

        yield return SystemPolicyEntry.Create(
            "sys_sqli_auth_bypass", "SQL authentication bypass", Sqli, PolicySeverity.Critical, PolicyAction.Block, 100, false, Label,
            "A tautology followed by -- so the password check is commented out (' OR '1'='1' --).",
            equals.And(TextGate.AnyKeyword("--")).And(TextGate.AnyKeyword("or")),
            new PatternMatcher(AdminBypass));

        yield return SystemPolicyEntry.Create(
            "sys_sqli_obfuscation", "Obfuscated SQL (hex, CHAR, CONCAT)", Sqli, PolicySeverity.Medium, PolicyAction.Warn, 70, true, Label,
            "Hex literals, CHAR(n,n,…) and CONCAT(… SELECT) used to smuggle keywords past filters.",
            TextGate.AnyKeyword("0x", "char", "concat"),
            new PatternMatcher(HexEncoding), new PatternMatcher(CharFunction), new PatternMatcher(ConcatFunction));

        yield return SystemPolicyEntry.Create(
            "sys_sqli_schema_probe", "Schema enumeration", Sqli, PolicySeverity.High, PolicyAction.Block, 90, true, Label,
            "Reads of INFORMATION_SCHEMA or SQL Server system tables to map the database.",
            TextGate.AnyKeyword("information_schema", "sys"),
            new PatternMatcher(InformationSchema), new PatternMatcher(SysTables));

        yield return SystemPolicyEntry.Create(
            "sys_sqli_file_access", "SQL file access", Sqli, PolicySeverity.Critical, PolicyAction.Block, 100, true, Label,
            "LOAD_FILE and INTO OUTFILE/DUMPFILE reading or writing server files.",
            TextGate.AnyKeyword("load_file", "outfile", "dumpfile"),
            new PatternMatcher(LoadFile), new PatternMatcher(IntoOutfile));

        yield return SystemPolicyEntry.Create(
            "sys_sqli_dangerous_ddl", "Dangerous DDL/DCL statement", Sqli, PolicySeverity.High, PolicyAction.Block, 90, true, Label,
            "DROP/TRUNCATE/ALTER TABLE, DROP DATABASE, DELETE without WHERE, CREATE USER, GRANT and REVOKE.",
            TextGate.AnyKeyword("drop", "truncate", "alter", "delete", "create", "grant", "revoke"),
            PatternMatcher.Combine(DropTable, DropDatabase, TruncateTable, AlterTable, DeleteWithoutWhere, CreateUser, GrantPrivileges, RevokePrivileges));

        yield return SystemPolicyEntry.Create(
            "sys_admin_system_catalog", "Database system catalog access", PolicyCategories.SecurityAdmin, PolicySeverity.High,
            PolicyAction.Block, 80, true, "admin",
            "pg_catalog, pg_shadow, pg_authid, mysql.user and sys.sql_logins hold credentials and roles.",
            TextGate.AnyKeyword("pg_", "mysql.user", "sql_logins"),
            new PatternMatcher(SystemCatalog));
    }
}
