using System.Text.RegularExpressions;

namespace AxonFlow.Core.Policies.Catalog;

/// <summary>
/// Candidate shapes for personal data. The regexes only propose; validators (Luhn, SSA rules, MOD-97, Verhoeff, ABA) decide.
/// Upper-case-only identifiers (IBAN, PAN, passport) are matched case-sensitively on the original text.
/// </summary>
internal static partial class PiiPatterns
{
    private const RegexOptions Exact = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    [GeneratedRegex(@"(?<![\w-])\d{3}(?<sep>[- ]?)\d{2}\k<sep>\d{4}(?![\w-])", Exact)]
    public static partial Regex UsSsn { get; }

    [GeneratedRegex(@"(?<![\w-])(\d{13,19}|\d{4}(?<sep>[ -])\d{4}\k<sep>\d{4}\k<sep>\d{4}(\k<sep>\d{1,3})?|\d{4}(?<sep2>[ -])\d{6}\k<sep2>\d{4,5})(?![\w-])", Exact)]
    public static partial Regex CreditCard { get; }

    [GeneratedRegex(@"\b[A-Z]{2}\d{2}( ?[A-Z0-9]{4}){2,7}( ?[A-Z0-9]{1,3})?\b", Exact)]
    public static partial Regex Iban { get; }

    [GeneratedRegex(@"\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}\b", Exact)]
    public static partial Regex Email { get; }

    [GeneratedRegex(@"(?<![\w+])((\+?1[-. ]?)?(\(\d{3}\)[-. ]?|\d{3}[-. ])\d{3}[-. ]\d{4}|\+[1-9]\d{0,2}[-. ]?\d([-. ]?\d){6,13})(?![\w-])", Exact)]
    public static partial Regex Phone { get; }

    [GeneratedRegex(@"(?<![\w.])((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\w.]*\d)", Exact)]
    public static partial Regex IpAddress { get; }

    // Keyword first, so the engine's vectorised search finds "passport"; the validator narrows the hit to the number.
    [GeneratedRegex(@"(?i:\bpassport\b)[^\r\n]{0,40}?\b[A-Z]{1,2}\d{6,9}\b", Exact)]
    public static partial Regex Passport { get; }

    [GeneratedRegex(@"(?i:\b(dob|d\.o\.b\.?|born|birth(day|date)?)\b)[^\r\n]{0,40}?\b((0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])[/-](19|20)\d{2}|(0?[1-9]|[12]\d|3[01])[/.-](0?[1-9]|1[0-2])[/.-](19|20)\d{2}|(19|20)\d{2}[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01]))\b", Exact)]
    public static partial Regex DateOfBirth { get; }

    [GeneratedRegex(@"(?<![\w-])\d{9}[- ]?\d{8,17}(?![\w-])", Exact)]
    public static partial Regex UsBankAccount { get; }

    [GeneratedRegex(@"\b[A-Z]{3}[PCHABGJLFT][A-Z]\d{4}[A-Z]\b", Exact)]
    public static partial Regex IndiaPan { get; }

    [GeneratedRegex(@"(?<!\d[ -]?)[2-9]\d{3}(?<sep>[ -]?)\d{4}\k<sep>\d{4}(?![ -]?\d)", Exact)]
    public static partial Regex Aadhaar { get; }

    // Runs inside an '@' window; the validator enforces the handle rules (alphanumeric first character, 3–256 characters).
    [GeneratedRegex(@"[A-Za-z0-9._-]+@[A-Za-z][A-Za-z0-9]{2,49}(?![A-Za-z0-9-]|\.[A-Za-z0-9])", Exact)]
    public static partial Regex UpiId { get; }
}
