namespace AxonFlow.Core.Policies.Validators;

/// <summary>SSA issuance rules: area 000, 666 and 900–999, group 00 and serial 0000 are never assigned.</summary>
internal static class SocialSecurityNumber
{
    public static bool IsValid(ReadOnlySpan<char> candidate)
    {
        Span<byte> d = stackalloc byte[9];
        if (Digits.Extract(candidate, d) != 9)
        {
            return false;
        }

        var area = (d[0] * 100) + (d[1] * 10) + d[2];
        var group = (d[3] * 10) + d[4];
        var serial = (d[5] * 1000) + (d[6] * 100) + (d[7] * 10) + d[8];
        return area is not (0 or 666 or >= 900) && group != 0 && serial != 0;
    }
}
