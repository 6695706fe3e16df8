using System.Text;

namespace Trial.Fakes.IOSim;

/// <summary>Formats the lines of an <see cref="IOPump"/>'s traffic trace.</summary>
internal static class TrafficTrace
{
    /// <summary>How many bytes of each delivery the trace shows.</summary>
    internal const int ExcerptLength = 40;

    internal static string Name(FakeTransport transport) => transport.IsServer ? "server" : "client";

    /// <summary>Renders bytes as a quoted C#-style string: printable ASCII as is, the rest escaped.</summary>
    internal static string Excerpt(ReadOnlySpan<byte> shown, long total)
    {
        var text = new StringBuilder(shown.Length + 8).Append('"');
        foreach (byte b in shown)
        {
            _ = b switch
            {
                (byte)'\r' => text.Append("\\r"),
                (byte)'\n' => text.Append("\\n"),
                (byte)'\t' => text.Append("\\t"),
                (byte)'"' => text.Append("\\\""),
                (byte)'\\' => text.Append("\\\\"),
                >= 0x20 and < 0x7F => text.Append((char)b),
                _ => text.Append("\\x").Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)),
            };
        }

        text.Append('"');
        if (total > shown.Length)
        {
            text.Append("...");
        }

        return text.ToString();
    }
}
