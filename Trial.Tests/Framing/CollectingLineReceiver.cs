using System.Text;
using Trial.Framing;

namespace Trial.Tests.Framing;

/// <summary>A line receiver for tests: records lines, raw data and long lines, and runs optional hooks on each.</summary>
internal sealed class CollectingLineReceiver : LineReceiver
{
    public List<string> Lines { get; } = [];

    public List<string> Raw { get; } = [];

    public List<string> Exceeded { get; } = [];

    public Action<string>? OnLine { get; set; }

    public Action<string>? OnRaw { get; set; }

    public bool CloseWhenExceeded { get; set; } = true;

    protected override void LineReceived(ReadOnlySpan<byte> line)
    {
        string text = Encoding.Latin1.GetString(line);
        Lines.Add(text);
        OnLine?.Invoke(text);
    }

    protected override void RawDataReceived(ReadOnlySpan<byte> data)
    {
        string text = Encoding.Latin1.GetString(data);
        Raw.Add(text);
        OnRaw?.Invoke(text);
    }

    protected override void LineLengthExceeded(ReadOnlySpan<byte> line)
    {
        Exceeded.Add(Encoding.Latin1.GetString(line));
        if (CloseWhenExceeded)
        {
            base.LineLengthExceeded(line);
        }
    }
}
