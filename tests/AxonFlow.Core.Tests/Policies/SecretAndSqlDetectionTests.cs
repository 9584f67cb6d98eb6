using AxonFlow.Core.Policies;

namespace AxonFlow.Core.Tests.Policies;

public sealed class SecretAndSqlDetectionTests
{
    [Theory]
    [InlineData("My key is AKIAIOSFODNN7EXAMPLE, keep it Secret", "sys_secret_aws_key", "AKIAIOSFODNN7EXAMPLE")]
    [InlineData("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "sys_secret_aws_secret_key", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")]
    [InlineData("token ghp_abcdefghijklmnopqrstuvwxyz0123456789 ok", "sys_secret_github_token", "ghp_abcdefghijklmnopqrstuvwxyz0123456789")]
    [InlineData("OPENAI_API_KEY=sk-proj-abcdefghijklmnopqrstuvwxyz012345", "sys_secret_openai_key", "sk-proj-abcdefghijklmnopqrstuvwxyz012345")]
    [InlineData("key sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789", "sys_secret_anthropic_key", "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789")]
    [InlineData("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig_nature-1", "sys_secret_jwt", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig_nature-1")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nMIIE", "sys_secret_private_key", "-----BEGIN RSA PRIVATE KEY-----")]
    [InlineData("config: password = \"hunter22\"", "sys_secret_password_assignment", "password = \"hunter22\"")]
    [InlineData("PASSWORD=Tr0ub4dor", "sys_secret_password_assignment", "PASSWORD=Tr0ub4dor")]
    public void EvaluateInput_Secret_IsBlockedAtItsPosition(string prompt, string policyId, string expected)
    {
        var result = Build.Scan(prompt);

        var hit = Assert.Single(result.HitsOf(policyId));
        Assert.Equal(expected, prompt.Substring(hit.Start, hit.Length));
        Assert.Equal(PolicyDecision.Blocked, result.Decision);
        Assert.Contains("Secret detected", result.BlockReason, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateInput_AnthropicKey_IsNotAlsoAnOpenAiKey() =>
        Assert.Empty(Build.Scan("sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789").HitsOf("sys_secret_openai_key"));

    [Theory]
    [InlineData("akiaiosfodnn7example")]
    [InlineData("what is a password manager?")]
    [InlineData("the password: is required")]
    public void EvaluateInput_SecretLookAlikes_AreNotHits(string prompt) => Assert.Empty(Build.Scan(prompt).Hits);

    [Theory]
    [InlineData("admin' OR '1'='1' --", "sys_sqli_auth_bypass")]
    [InlineData("id=1 OR 1=1", "sys_sqli_boolean")]
    [InlineData("x' AND 1=2", "sys_sqli_boolean")]
    [InlineData("1; SELECT SLEEP(5)", "sys_sqli_time_blind")]
    [InlineData("'; WAITFOR DELAY '0:0:5'", "sys_sqli_time_blind")]
    [InlineData("select pg_sleep(10)", "sys_sqli_time_blind")]
    [InlineData("BENCHMARK(1000000, MD5('a'))", "sys_sqli_time_blind")]
    [InlineData("and extractvalue(1, concat(0x7e, version()))", "sys_sqli_error_based")]
    [InlineData("1 AND CONVERT(INT, @@version)", "sys_sqli_error_based")]
    [InlineData("1; DELETE FROM accounts", "sys_sqli_stacked")]
    [InlineData("x; update users set role='admin'", "sys_sqli_stacked")]
    [InlineData("x; INSERT INTO admins VALUES (1)", "sys_sqli_stacked")]
    [InlineData("x; EXEC xp_cmdshell 'dir'", "sys_sqli_stacked")]
    [InlineData("1/**/UNION/**/SELECT password", "sys_sqli_union")]
    [InlineData("1/**/UNION/**/SELECT password", "sys_sqli_comment")]
    [InlineData("name = 'x'/* hidden */SELECT 1", "sys_sqli_comment")]
    [InlineData("id=1 --SELECT", "sys_sqli_comment")]
    [InlineData("x' ; SELECT name FROM users", "sys_sqli_stacked_select")]
    [InlineData("SELECT CHAR(97, 100, 109)", "sys_sqli_obfuscation")]
    [InlineData("SELECT table_name FROM information_schema.tables", "sys_sqli_schema_probe")]
    [InlineData("select * from sysobjects", "sys_sqli_schema_probe")]
    [InlineData("SELECT LOAD_FILE('/etc/passwd')", "sys_sqli_file_access")]
    [InlineData("SELECT 1 INTO OUTFILE '/tmp/x'", "sys_sqli_file_access")]
    [InlineData("TRUNCATE TABLE audit", "sys_sqli_dangerous_ddl")]
    [InlineData("GRANT ALL PRIVILEGES ON *.* TO 'x'", "sys_sqli_dangerous_ddl")]
    [InlineData("delete from users", "sys_sqli_dangerous_ddl")]
    [InlineData("select usename from pg_catalog.pg_user", "sys_admin_system_catalog")]
    public void EvaluateInput_SqlInjectionTechnique_IsDetected(string prompt, string policyId) =>
        Assert.NotEmpty(Build.Scan(prompt).HitsOf(policyId));

    [Theory]
    [InlineData("Could you grant me access to the shared drive?")]
    [InlineData("# Update\nThe release notes follow.\n---\nSelect the best option or the other one.")]
    [InlineData("Should I drop the course or continue, and is it worth it?")]
    [InlineData("Convert this paragraph into a bulleted list, and order it by date.")]
    [InlineData("How do I write a SELECT with a LEFT JOIN between orders and customers in PostgreSQL?")]
    [InlineData("Select the rows where price > 10 or quantity < 5 and explain the result.")]
    [InlineData("Our ZIP is 90210-1234 and the meeting is 2024-01-15 at 10:30; call ext. 4412.")]
    [InlineData("Version 10.0.1 shipped; 3 bugs fixed, 1 open. Items: 1) login 2) export 3) billing.")]
    [InlineData("In C#, use `var x = a == b ? 1 : 0;` and avoid `#region` blocks -- they hide code.")]
    [InlineData("The keynote covers AI safety, password managers and why MFA matters (see slides 12-18).")]
    public void EvaluateInput_OrdinaryProse_IsNotSqlInjection(string prompt) => Assert.Empty(Build.Scan(prompt).Hits);

    [Fact]
    public void EvaluateInput_UnionWithAndWithoutQuote_ReportsOneOccurrence()
    {
        var result = Build.Scan("1' UNION SELECT password FROM users");

        Assert.Single(result.HitsOf("sys_sqli_union"));
    }
}
