namespace AxonFlow.Core.Policies.Validators;

internal static class Aadhaar
{
    public static bool IsValid(ReadOnlySpan<char> candidate)
    {
        Span<byte> digits = stackalloc byte[12];
        return Digits.Extract(candidate, digits) == 12 && digits[0] >= 2 && Verhoeff.IsValid(digits);
    }
}
