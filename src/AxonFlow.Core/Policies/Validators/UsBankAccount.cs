namespace AxonFlow.Core.Policies.Validators;

/// <summary>
/// A US account is written routing number + account number; the nine-digit ABA routing number carries a 3-7-1 weighted checksum
/// and a Federal Reserve prefix, which separates real account numbers from long order or tracking numbers.
/// </summary>
internal static class UsBankAccount
{
    public static bool IsValid(ReadOnlySpan<char> candidate)
    {
        Span<byte> d = stackalloc byte[26];
        var count = Digits.Extract(candidate, d);
        return count >= 17 && IsRoutingNumber(d[..9]);
    }

    public static bool IsRoutingNumber(ReadOnlySpan<byte> d)
    {
        var prefix = (d[0] * 10) + d[1];
        if (prefix is not ((>= 0 and <= 12) or (>= 21 and <= 32) or (>= 61 and <= 72) or 80))
        {
            return false;
        }

        var sum = (3 * (d[0] + d[3] + d[6])) + (7 * (d[1] + d[4] + d[7])) + d[2] + d[5] + d[8];
        return sum % 10 == 0;
    }
}
