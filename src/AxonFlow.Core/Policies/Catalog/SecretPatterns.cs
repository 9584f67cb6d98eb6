using System.Text.RegularExpressions;

namespace AxonFlow.Core.Policies.Catalog;

/// <summary>Credential shapes. Vendor prefixes are case-sensitive on purpose: <c>AKIA</c> is an AWS key id, <c>akia</c> is not.</summary>
internal static partial class SecretPatterns
{
    private const RegexOptions Exact = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    [GeneratedRegex(@"\b(AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b", Exact)]
    public static partial Regex AwsAccessKeyId { get; }

    [GeneratedRegex(@"(?i:\b(aws_?secret(_?access)?_?key|aws_?secret|secret_?access_?key))\s*[:=]\s*[""']?[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])", Exact)]
    public static partial Regex AwsSecretAccessKey { get; }

    [GeneratedRegex(@"\b(gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b", Exact)]
    public static partial Regex GitHubToken { get; }

    [GeneratedRegex(@"\bsk-(?!ant-)((proj|svcacct|admin)-)?[A-Za-z0-9_-]{32,256}", Exact)]
    public static partial Regex OpenAiKey { get; }

    [GeneratedRegex(@"\bsk-ant-[A-Za-z0-9_-]{32,256}", Exact)]
    public static partial Regex AnthropicKey { get; }

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]{4,4096}\.eyJ[A-Za-z0-9_-]{4,8192}\.[A-Za-z0-9_-]{0,4096}", Exact)]
    public static partial Regex Jwt { get; }

    [GeneratedRegex(@"-----BEGIN ((RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY( BLOCK)?-----", Exact)]
    public static partial Regex PrivateKeyBlock { get; }

    [GeneratedRegex(@"(?i:\b(password|passwd|pwd)\b)\s*([:=]\s*(""[^""\r\n]{4,256}""|'[^'\r\n]{4,256}')|=\s*[^\s""',;&]{4,256})", Exact)]
    public static partial Regex PasswordAssignment { get; }
}
