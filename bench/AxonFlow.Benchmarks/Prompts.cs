using System.Text;

namespace AxonFlow.Benchmarks;

/// <summary>Benchmark inputs: realistic prose with digits, punctuation and SQL-ish words, so gates are exercised, not bypassed.</summary>
internal static class Prompts
{
    private const string Paragraph =
        "Hi team, could you summarise the Q3 2024 planning notes for me? We met on Tuesday at 10:30 and agreed on 3 goals. "
        + "First, update the onboarding guide and create a short checklist for new hires, or at least a draft by Friday. "
        + "Second, select two vendors from the shortlist and compare their pricing (roughly $1,200 per month versus $950). "
        + "Third, look into why the nightly export takes 45 minutes instead of 15; Maria thinks the index on orders is missing. "
        + "Please also convert the meeting notes into a table, order the action items by owner, and drop anything that is "
        + "already done. Version 2.5 of the client app ships next week, so flag any risk to that date. Keep it under 300 "
        + "words, use plain English, and avoid jargon where you can. Thanks! ";

    public static string Benign(int approximateChars)
    {
        var builder = new StringBuilder(approximateChars + Paragraph.Length);
        while (builder.Length < approximateChars)
        {
            builder.Append(Paragraph);
        }

        return builder.ToString(0, approximateChars);
    }

    /// <summary>"UNION /**/" repeated: every occurrence starts a UNION and a comment-injection attempt that runs to the next one.</summary>
    public static string Hostile(int chars)
    {
        var builder = new StringBuilder(chars + 16);
        while (builder.Length < chars)
        {
            builder.Append("UNION /**/ ");
        }

        return builder.ToString(0, chars);
    }

    /// <summary>About 1 KB that hits exactly five policies: SSN, payment card, e-mail, AWS key id and UNION injection.</summary>
    public static string FivePolicyHits() =>
        Benign(760)
        + " My SSN is 123-45-6789 and the card is 4111 1111 1111 1111. Mail the receipt to jane.roe@example.com. "
        + "The deploy key is AKIAIOSFODNN7EXAMPLE. Then run: SELECT name FROM users UNION SELECT secret FROM vault.";
}
