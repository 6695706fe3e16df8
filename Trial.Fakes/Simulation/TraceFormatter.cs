using System.Globalization;
using System.Text;

namespace Trial.Fakes.Simulation;

/// <summary>Formats trace events as readable lines.</summary>
internal static class TraceFormatter
{
    /// <summary>Formats <paramref name="e"/>: index, time in seconds, host, kind, then what applies.</summary>
    internal static string Format(in TraceEvent e)
    {
        var text = new StringBuilder(96);
        var culture = CultureInfo.InvariantCulture;
        text.Append(culture, $"#{e.Index} {Seconds(e.Time)} {e.Host} {e.Kind}");
        if (e.ConnectionId != 0)
        {
            text.Append(culture, $" conn {e.ConnectionId}");
        }

        if (e.Source is not null)
        {
            text.Append(culture, $" {e.Source} -> {e.Destination}");
        }

        if (e.ByteCount != 0 || e.Kind is TraceEventKind.BytesSent or TraceEventKind.BytesDelivered)
        {
            text.Append(culture, $" bytes {e.StreamOffset}+{e.ByteCount}");
        }

        if (e.Detail is not null)
        {
            text.Append(": ").Append(e.Detail);
        }

        return text.ToString();
    }

    /// <summary>Formats a virtual time as seconds with all seven decimal places, so no tick is hidden.</summary>
    internal static string Seconds(TimeSpan time) => string.Create(
        CultureInfo.InvariantCulture,
        $"{time.Ticks / TimeSpan.TicksPerSecond}.{time.Ticks % TimeSpan.TicksPerSecond:D7}s");
}
