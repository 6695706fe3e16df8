using System.Globalization;
using System.Text;

namespace Trial.Framing;

/// <summary>Renders received bytes for error messages: printable ASCII as is, anything else as <c>\xNN</c>.</summary>
internal static class ByteText
{
    /// <summary>Quotes up to <paramref name="limit"/> bytes of <paramref name="data"/>, noting how many there were in all.</summary>
    /// <param name="data">The bytes.</param>
    /// <param name="limit">How many bytes to show.</param>
    /// <param name="total">How many bytes the data came from, when only a prefix was passed; by default its length.</param>
    public static string Quote(ReadOnlySpan<byte> data, int limit = 32, int total = -1)
    {
        total = Math.Max(total, data.Length);
        var text = new StringBuilder(Math.Min(data.Length, limit) + 8).Append('"');
        foreach (byte b in data[..Math.Min(data.Length, limit)])
        {
            if (b is >= 0x20 and < 0x7F && b != (byte)'"' && b != (byte)'\\')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"\\x{b:x2}");
            }
        }

        text.Append('"');
        if (total > limit)
        {
            text.Append(CultureInfo.InvariantCulture, $" (first {limit} of {total} bytes)");
        }

        return text.ToString();
    }
}
