using AxonFlow.Core.Policies.Matching;
using static AxonFlow.Core.Policies.Catalog.SecretPatterns;

namespace AxonFlow.Core.Policies.Catalog;

/// <summary>Credentials that must never reach an LLM provider or leave in an answer.</summary>
internal static class SecretPolicies
{
    private const string Secrets = PolicyCategories.CodeSecrets;

    public static IEnumerable<SystemPolicyEntry> Create()
    {
        yield return SystemPolicyEntry.Create(
            "sys_secret_aws_key", "AWS access key id", Secrets, PolicySeverity.Critical, PolicyAction.Block, 100, true, "aws_key",
            "AKIA/ASIA/ABIA/ACCA followed by 16 upper-case letters or digits.",
            TextGate.AnyExactKeyword("AKIA", "ASIA", "ABIA", "ACCA"),
            new PatternMatcher(AwsAccessKeyId));

        yield return SystemPolicyEntry.Create(
            "sys_secret_aws_secret_key", "AWS secret access key", Secrets, PolicySeverity.Critical, PolicyAction.Block, 100, true, "aws_secret",
            "A 40-character secret assigned to aws_secret_access_key or a similar name.",
            TextGate.AnyKeyword("secret"),
            new PatternMatcher(AwsSecretAccessKey));

        yield return SystemPolicyEntry.Create(
            "sys_secret_github_token", "GitHub token", Secrets, PolicySeverity.Critical, PolicyAction.Block, 100, true, "github_token",
            "ghp_/gho_/ghu_/ghs_/ghr_ tokens and github_pat_ fine-grained tokens.",
            TextGate.AnyExactKeyword("gh", "github_pat_"),
            new PatternMatcher(GitHubToken));

        yield return SystemPolicyEntry.Create(
            "sys_secret_openai_key", "OpenAI API key", Secrets, PolicySeverity.Critical, PolicyAction.Block, 100, true, "openai_key",
            "sk-, sk-proj-, sk-svcacct- and sk-admin- keys.",
            TextGate.AnyExactKeyword("sk-"),
            new PatternMatcher(OpenAiKey));

        yield return SystemPolicyEntry.Create(
            "sys_secret_anthropic_key", "Anthropic API key", Secrets, PolicySeverity.Critical, PolicyAction.Block, 100, true, "anthropic_key",
            "sk-ant- keys.",
            TextGate.AnyExactKeyword("sk-ant-"),
            new PatternMatcher(AnthropicKey));

        yield return SystemPolicyEntry.Create(
            "sys_secret_jwt", "JSON Web Token", Secrets, PolicySeverity.High, PolicyAction.Block, 90, true, "jwt",
            "Three base64url segments whose header and payload decode to JSON objects (eyJ…).",
            TextGate.AnyExactKeyword("eyJ"),
            new PatternMatcher(Jwt));

        yield return SystemPolicyEntry.Create(
            "sys_secret_private_key", "Private key block", Secrets, PolicySeverity.Critical, PolicyAction.Block, 100, true, "private_key",
            "PEM/OpenSSH/PGP private key headers.",
            TextGate.AnyExactKeyword("-----BEGIN "),
            new PatternMatcher(PrivateKeyBlock));

        yield return SystemPolicyEntry.Create(
            "sys_secret_password_assignment", "Password assignment", Secrets, PolicySeverity.High, PolicyAction.Block, 90, true, "password",
            "password/passwd/pwd assigned a quoted value, or = an unquoted value of at least four characters.",
            TextGate.AnyKeyword("password", "passwd", "pwd").And(TextGate.AnyChar(":=")),
            new PatternMatcher(PasswordAssignment));
    }
}
