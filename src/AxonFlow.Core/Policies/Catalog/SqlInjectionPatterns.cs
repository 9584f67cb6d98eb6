using System.Text.RegularExpressions;

namespace AxonFlow.Core.Policies.Catalog;

/// <summary>
/// The 37 SQL-injection scanner patterns of the reference scanner, source-generated. Where the original had unbounded
/// <c>.*</c> / <c>[^']*</c> runs they are bounded, so a hostile prompt cannot make a pattern quadratic, and patterns that
/// fired on ordinary prose (<c>GRANT </c>, markdown <c># Update</c>, <c>---</c> rules) now need SQL context.
/// </summary>
internal static partial class SqlInjectionPatterns
{
    private const RegexOptions Sql = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;
    private const RegexOptions SqlLines = Sql | RegexOptions.Multiline;

    // Union based; an inline comment counts as whitespace, as it does for the SQL parser (UNION/**/SELECT).
    [GeneratedRegex(@"\bUNION(\s|/\*([^*\n]|\*+[^*/\n]){0,50}\*+/)+(ALL(\s|/\*([^*\n]|\*+[^*/\n]){0,50}\*+/)+)?SELECT\b", Sql)]
    public static partial Regex UnionSelect { get; }

    [GeneratedRegex(@"['"")]\s*UNION\s+(ALL\s+)?SELECT\b", Sql)]
    public static partial Regex UnionInjection { get; }

    // Boolean blind.
    [GeneratedRegex(@"\bOR\s+['""]?\d+['""]?\s*=\s*['""]?\d+['""]?", Sql)]
    public static partial Regex OrTrueCondition { get; }

    [GeneratedRegex(@"\bOR\s+['""][^'""\r\n]{0,100}['""]\s*=\s*['""][^'""\r\n]{0,100}['""]", Sql)]
    public static partial Regex OrStringCondition { get; }

    [GeneratedRegex(@"\bAND\s+['""]?\d+['""]?\s*=\s*['""]?\d+['""]?", Sql)]
    public static partial Regex AndFalseCondition { get; }

    // Time based blind.
    [GeneratedRegex(@"\bSLEEP\s*\(\s*\d+\s*\)", Sql)]
    public static partial Regex Sleep { get; }

    [GeneratedRegex(@"\bWAITFOR\s+DELAY\s+['""][^'""\r\n]{1,100}['""]", Sql)]
    public static partial Regex WaitforDelay { get; }

    [GeneratedRegex(@"\bPG_SLEEP\s*\(\s*\d+(\.\d+)?\s*\)", Sql)]
    public static partial Regex PgSleep { get; }

    [GeneratedRegex(@"\bBENCHMARK\s*\(\s*\d+\s*,", Sql)]
    public static partial Regex Benchmark { get; }

    // Error based.
    [GeneratedRegex(@"\bEXTRACTVALUE\s*\(", Sql)]
    public static partial Regex ExtractValue { get; }

    [GeneratedRegex(@"\bUPDATEXML\s*\(", Sql)]
    public static partial Regex UpdateXml { get; }

    [GeneratedRegex(@"\bCONVERT\s*\(\s*INT\s*,", Sql)]
    public static partial Regex ConvertInt { get; }

    // Stacked queries.
    [GeneratedRegex(@";\s*DROP\s+(TABLE|DATABASE)\b", Sql)]
    public static partial Regex SemicolonDrop { get; }

    [GeneratedRegex(@";\s*DELETE\s+FROM\b", Sql)]
    public static partial Regex SemicolonDelete { get; }

    [GeneratedRegex(@";\s*UPDATE\s+\w+\s+SET\b", Sql)]
    public static partial Regex SemicolonUpdate { get; }

    [GeneratedRegex(@";\s*INSERT\s+INTO\b", Sql)]
    public static partial Regex SemicolonInsert { get; }

    [GeneratedRegex(@";\s*EXEC(UTE)?(\s*\(|\s+(xp|sp)_\w+)", Sql)]
    public static partial Regex SemicolonExec { get; }

    // Comment injection. A comment body is written so that it can only end at its first "*/": one way to match, no backtracking.
    [GeneratedRegex(@"/\*([^*\n]|\*+[^*/\n]){0,200}\*+/\s*(UNION|SELECT|INSERT|UPDATE|DELETE|DROP)\b", Sql)]
    public static partial Regex InlineComment { get; }

    [GeneratedRegex(@"(?<!^[ \t]*#*)#[ \t]*(UNION|SELECT|INSERT|UPDATE|DELETE|DROP)\b", SqlLines)]
    public static partial Regex LineCommentHash { get; }

    [GeneratedRegex(@"(?<!-)--(?!-)[ \t]*(UNION|SELECT|INSERT|UPDATE|DELETE|DROP)\b", Sql)]
    public static partial Regex LineCommentDoubleDash { get; }

    // Stacked SELECT after breaking out of a string literal.
    [GeneratedRegex(@"['"")]\s*;\s*SELECT\s+[^;\r\n]{1,500}?\s+FROM\b", Sql)]
    public static partial Regex SelectFrom { get; }

    // Authentication bypass: a tautology whose remainder is commented away.
    [GeneratedRegex(@"\bOR\s+['""]?[^'""\r\n=]{0,100}['""]?\s*=\s*['""]?[^'""\r\n]{0,100}?['""]?\s*--", Sql)]
    public static partial Regex AdminBypass { get; }

    // Obfuscation.
    [GeneratedRegex(@"\b0x[0-9a-f]{8,}", Sql)]
    public static partial Regex HexEncoding { get; }

    [GeneratedRegex(@"\bCHAR\s*\(\s*\d+(\s*,\s*\d+)+\s*\)", Sql)]
    public static partial Regex CharFunction { get; }

    [GeneratedRegex(@"\bCONCAT\s*\([^)]{0,200}?\bSELECT\b", Sql)]
    public static partial Regex ConcatFunction { get; }

    // Schema probing.
    [GeneratedRegex(@"\bINFORMATION_SCHEMA\b", Sql)]
    public static partial Regex InformationSchema { get; }

    [GeneratedRegex(@"\b(sysobjects|syscolumns|sys\.tables|sys\.columns)\b", Sql)]
    public static partial Regex SysTables { get; }

    // File access.
    [GeneratedRegex(@"\bLOAD_FILE\s*\(", Sql)]
    public static partial Regex LoadFile { get; }

    [GeneratedRegex(@"\bINTO\s+(OUT|DUMP)FILE\b", Sql)]
    public static partial Regex IntoOutfile { get; }

    // Dangerous DDL / DCL.
    [GeneratedRegex(@"\bDROP\s+TABLE\b", Sql)]
    public static partial Regex DropTable { get; }

    [GeneratedRegex(@"\bDROP\s+DATABASE\b", Sql)]
    public static partial Regex DropDatabase { get; }

    [GeneratedRegex(@"\bTRUNCATE\s+TABLE\b", Sql)]
    public static partial Regex TruncateTable { get; }

    [GeneratedRegex(@"\bALTER\s+TABLE\b", Sql)]
    public static partial Regex AlterTable { get; }

    [GeneratedRegex(@"\bDELETE\s+FROM\s+\w+\s*(;|$)", Sql)]
    public static partial Regex DeleteWithoutWhere { get; }

    [GeneratedRegex(@"\bCREATE\s+USER\b", Sql)]
    public static partial Regex CreateUser { get; }

    [GeneratedRegex(@"\bGRANT\s+(ALL(\s+PRIVILEGES)?|SELECT|INSERT|UPDATE|DELETE|EXECUTE|USAGE|CREATE|CONNECT|TRUNCATE|REFERENCES|TRIGGER|SUPER)\b[^;\r\n]{0,200}?\b(ON|TO)\b", Sql)]
    public static partial Regex GrantPrivileges { get; }

    [GeneratedRegex(@"\bREVOKE\s+(ALL(\s+PRIVILEGES)?|SELECT|INSERT|UPDATE|DELETE|EXECUTE|USAGE|CREATE|CONNECT|TRUNCATE|REFERENCES|TRIGGER|SUPER)\b[^;\r\n]{0,200}?\b(ON|FROM)\b", Sql)]
    public static partial Regex RevokePrivileges { get; }

    // Administrative catalogs (security-admin).
    [GeneratedRegex(@"\b(pg_catalog|pg_shadow|pg_authid|mysql\.user|sys\.sql_logins)\b", Sql)]
    public static partial Regex SystemCatalog { get; }
}
