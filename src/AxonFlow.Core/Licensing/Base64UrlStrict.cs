using System.Buffers.Text;

namespace AxonFlow.Core.Licensing;

/// <summary>
/// RFC 4648 §5 base64url with no leniency: only <c>A-Z a-z 0-9 - _</c>, no padding, no whitespace, no length that cannot
/// come from an encoder, and zero trailing bits, so every byte string has exactly one accepted spelling.
/// </summary>
public static class Base64UrlStrict
{
    public static string Encode(ReadOnlySpan<byte> bytes) => Base64Url.EncodeToString(bytes);

    public static bool TryDecode(ReadOnlySpan<char> text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length % 4 == 1)
        {
            return false;
        }

        var output = new byte[text.Length / 4 * 3 + (text.Length % 4 == 0 ? 0 : text.Length % 4 - 1)];
        var written = 0;
        var i = 0;
        for (; i + 4 <= text.Length; i += 4)
        {
            if (!TryValue(text[i], out var a) || !TryValue(text[i + 1], out var b) || !TryValue(text[i + 2], out var c) || !TryValue(text[i + 3], out var d))
            {
                return false;
            }

            var group = (a << 18) | (b << 12) | (c << 6) | d;
            output[written++] = (byte)(group >> 16);
            output[written++] = (byte)(group >> 8);
            output[written++] = (byte)group;
        }

        var rest = text.Length - i;
        if (rest == 2)
        {
            if (!TryValue(text[i], out var a) || !TryValue(text[i + 1], out var b) || (b & 0x0F) != 0)
            {
                return false;
            }

            output[written] = (byte)((a << 2) | (b >> 4));
        }
        else if (rest == 3)
        {
            if (!TryValue(text[i], out var a) || !TryValue(text[i + 1], out var b) || !TryValue(text[i + 2], out var c) || (c & 0x03) != 0)
            {
                return false;
            }

            output[written++] = (byte)((a << 2) | (b >> 4));
            output[written] = (byte)((b << 4) | (c >> 2));
        }

        bytes = output;
        return true;
    }

    private static bool TryValue(char c, out int value)
    {
        value = c switch
        {
            >= 'A' and <= 'Z' => c - 'A',
            >= 'a' and <= 'z' => c - 'a' + 26,
            >= '0' and <= '9' => c - '0' + 52,
            '-' => 62,
            '_' => 63,
            _ => -1,
        };
        return value >= 0;
    }
}
