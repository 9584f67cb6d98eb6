using System.Buffers;
using AxonFlow.Core.Policies.Matching;
using AxonFlow.Core.Policies.Validators;
using static AxonFlow.Core.Policies.Catalog.PiiPatterns;

namespace AxonFlow.Core.Policies.Catalog;

/// <summary>Personal data. Government ids and financial identifiers block and cannot be overridden; contact data is logged.</summary>
internal static class PiiPolicies
{
    public static IEnumerable<SystemPolicyEntry> Create()
    {
        var at = TextGate.AnyChar("@");
        var addressWindow = new MatchWindow(
            '@',
            SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._%+-"),
            SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-"),
            maxReach: 320);

        yield return SystemPolicyEntry.Create(
            "sys_pii_ssn", "US SSN (Social Security Number)", PolicyCategories.PiiUs, PolicySeverity.Critical, PolicyAction.Block, 100, false, "ssn",
            "AAA-GG-SSSS with SSA issuance rules (no area 000/666/9xx, group 00 or serial 0000).",
            TextGate.DigitRun(9),
            new PatternMatcher(UsSsn, validator: Whole(SocialSecurityNumber.IsValid)));

        yield return SystemPolicyEntry.Create(
            "sys_pii_credit_card", "Payment card number", PolicyCategories.PiiGlobal, PolicySeverity.Critical, PolicyAction.Block, 100, false, "credit_card",
            "13–19 digit card numbers with a known issuer prefix and a valid Luhn check digit.",
            TextGate.DigitRun(13),
            new PatternMatcher(CreditCard, validator: Whole(PaymentCard.IsValid)));

        yield return SystemPolicyEntry.Create(
            "sys_pii_iban", "International Bank Account Number (IBAN)", PolicyCategories.PiiEu, PolicySeverity.Critical, PolicyAction.Block, 100, false, "iban",
            "ISO 13616 IBAN, spaced or compact, with a valid MOD-97 check.",
            TextGate.DigitRun(2),
            new PatternMatcher(PiiPatterns.Iban, validator: Validators.Iban.Validate));

        yield return SystemPolicyEntry.Create(
            "sys_pii_bank_account", "US bank account number", PolicyCategories.PiiUs, PolicySeverity.Critical, PolicyAction.Block, 100, false, "bank_account",
            "A nine-digit ABA routing number (valid checksum and Federal Reserve prefix) followed by an account number.",
            TextGate.DigitRun(17),
            new PatternMatcher(PiiPatterns.UsBankAccount, validator: Whole(Validators.UsBankAccount.IsValid)));

        yield return SystemPolicyEntry.Create(
            "sys_pii_passport", "Passport number", PolicyCategories.PiiGlobal, PolicySeverity.High, PolicyAction.Block, 80, false, "passport",
            "One or two letters and 6–9 digits within 40 characters after the word 'passport'.",
            TextGate.AnyKeyword("passport").And(TextGate.DigitRun(6)),
            new PatternMatcher(Passport, validator: TrailingToken.Passport));

        yield return SystemPolicyEntry.Create(
            "sys_pii_pan", "India PAN", PolicyCategories.PiiIndia, PolicySeverity.Critical, PolicyAction.Block, 100, false, "pan",
            "Permanent Account Number: AAAAA9999A with a valid holder-type letter (P, C, H, A, B, G, J, L, F, T) in fourth place.",
            TextGate.DigitRun(4),
            new PatternMatcher(IndiaPan));

        yield return SystemPolicyEntry.Create(
            "sys_pii_aadhaar", "India Aadhaar number", PolicyCategories.PiiIndia, PolicySeverity.Critical, PolicyAction.Block, 100, false, "aadhaar",
            "12 digits, first digit 2–9, with a valid Verhoeff check digit; card-number continuations are not Aadhaar.",
            TextGate.DigitRun(12),
            new PatternMatcher(PiiPatterns.Aadhaar, validator: Whole(Validators.Aadhaar.IsValid)));

        yield return SystemPolicyEntry.Create(
            "sys_pii_upi", "India UPI id", PolicyCategories.PiiIndia, PolicySeverity.High, PolicyAction.Block, 90, true, "upi",
            "handle@psp virtual payment addresses; an address followed by a domain suffix is an e-mail address, not a UPI id.",
            at,
            new PatternMatcher(UpiId, validator: UpiHandle.Validate, window: addressWindow));

        yield return SystemPolicyEntry.Create(
            "sys_pii_email", "Email address", PolicyCategories.PiiGlobal, PolicySeverity.Medium, PolicyAction.Log, 50, true, "email",
            "RFC 5322-style addresses; recorded, not blocked.",
            at,
            new PatternMatcher(Email, window: addressWindow));

        yield return SystemPolicyEntry.Create(
            "sys_pii_phone", "Phone number", PolicyCategories.PiiGlobal, PolicySeverity.Medium, PolicyAction.Log, 50, true, "phone",
            "North American (555-123-4567, (555) 123-4567) and international (+44 20 7946 0958) numbers; recorded, not blocked.",
            TextGate.DigitRun(8),
            new PatternMatcher(Phone));

        yield return SystemPolicyEntry.Create(
            "sys_pii_ip_address", "IP address", PolicyCategories.PiiGlobal, PolicySeverity.Medium, PolicyAction.Log, 50, true, "ip_address",
            "Dotted-quad IPv4 addresses; recorded, not blocked.",
            TextGate.DigitRun(4).And(TextGate.AnyChar(".")),
            new PatternMatcher(IpAddress));

        yield return SystemPolicyEntry.Create(
            "sys_pii_dob", "Date of birth", PolicyCategories.PiiGlobal, PolicySeverity.High, PolicyAction.Log, 60, true, "date_of_birth",
            "A date within 40 characters after DOB, born or birth(day|date); recorded, not blocked.",
            TextGate.AnyKeyword("dob", "d.o.b", "born", "birth").And(TextGate.DigitRun(6)),
            new PatternMatcher(DateOfBirth, validator: TrailingToken.Date));
    }

    private static MatchValidator Whole(Validator isValid) =>
        (ReadOnlySpan<char> text, ref int start, ref int length) => isValid(text.Slice(start, length));

    private delegate bool Validator(ReadOnlySpan<char> candidate);
}
