namespace AxonFlow.Core.Policies.Validators;

/// <summary>A candidate is a card only if its length, issuer prefix and Luhn check all agree; this keeps order numbers and dates out.</summary>
internal static class PaymentCard
{
    public static bool IsValid(ReadOnlySpan<char> candidate)
    {
        Span<byte> digits = stackalloc byte[19];
        var count = Digits.Extract(candidate, digits);
        if (count is < 13 or > 19)
        {
            return false;
        }

        digits = digits[..count];
        return HasIssuerPrefix(digits) && Luhn.IsValid(digits);
    }

    private static bool HasIssuerPrefix(ReadOnlySpan<byte> d)
    {
        var two = (d[0] * 10) + d[1];
        var four = (two * 100) + (d[2] * 10) + d[3];
        var length = d.Length;
        return d[0] switch
        {
            4 => length is 13 or 16 or 19,
            5 => two is >= 51 and <= 55 && length == 16,
            2 => four is >= 2221 and <= 2720 && length == 16,
            3 => two switch
            {
                34 or 37 => length == 15,
                36 or 38 or 39 => length is >= 14 and <= 19,
                30 => four <= 3059 && length is >= 14 and <= 19,
                35 => four is >= 3528 and <= 3589 && length is >= 16 and <= 19,
                _ => false,
            },
            6 => (four == 6011 || two is 62 or 64 or 65) && length is >= 16 and <= 19,
            _ => false,
        };
    }
}
