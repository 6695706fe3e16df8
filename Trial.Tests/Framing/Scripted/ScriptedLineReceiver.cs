using System.Globalization;
using Trial.Framing;
using Trial.Tests.Framing.Vectors;

namespace Trial.Tests.Framing.Scripted;

/// <summary>The C# twin of generate.py's ScriptedLines: the same scripts (plain, commands, flip, tester) and exceeded modes.</summary>
internal sealed class ScriptedLineReceiver(string script, string exceeded) : LineReceiver, IScripted
{
    private int? _remaining;
    private int _length;

    public List<string> Events { get; } = [];

    public bool IsPaused => Paused;

    public bool Stopped { get; private set; }

    public void Resume() => ResumeProducing();

    protected override void LineReceived(ReadOnlySpan<byte> line)
    {
        string text = TwistedVectors.Text(line);
        Events.Add("line:" + text);
        switch (script)
        {
            case "flip":
                SetRawMode();
                break;
            case "commands":
                Command(text);
                break;
            case "tester":
                Tester(text);
                break;
        }
    }

    protected override void RawDataReceived(ReadOnlySpan<byte> data)
    {
        Events.Add("raw:" + TwistedVectors.Text(data));
        if (script == "flip")
        {
            SetLineMode(data[1..]);
        }
        else if (script == "tester")
        {
            var used = data[..Math.Min(_length, data.Length)];
            _length -= used.Length;
            if (_length == 0)
            {
                SetLineMode(data[used.Length..]);
            }
        }
        else if (_remaining is int remaining)
        {
            var used = data[..Math.Min(remaining, data.Length)];
            _remaining = remaining - used.Length;
            if (_remaining == 0)
            {
                _remaining = null;
                SetLineMode(data[used.Length..]);
            }
        }
    }

    protected override void LineLengthExceeded(ReadOnlySpan<byte> line)
    {
        Events.Add("exceeded:" + TwistedVectors.Text(line));
        if (exceeded == "close")
        {
            base.LineLengthExceeded(line);
        }
        else if (exceeded == "tester" && line.Length > MaxLength + 1)
        {
            SetLineMode(line[(MaxLength + 1)..]);
        }
    }

    private void Command(string text)
    {
        if (text.StartsWith("raw ", StringComparison.Ordinal))
        {
            _remaining = int.Parse(text[4..], CultureInfo.InvariantCulture);
            SetRawMode();
        }
        else if (text == "rawrest")
        {
            _remaining = null;
            SetRawMode();
        }
        else if (text == "quit")
        {
            Transport!.LoseConnection();
        }
        else if (text == "clear")
        {
            Events.Add("cleared:" + TwistedVectors.Text(ClearLineBuffer()));
        }
        else if (text == "pause")
        {
            PauseProducing();
        }
        else if (text == "stop")
        {
            Stopped = true;
            StopProducing();
        }
        else if (text.StartsWith("delim ", StringComparison.Ordinal))
        {
            Delimiter = System.Text.Encoding.Latin1.GetBytes(text[6..]);
        }
    }

    private void Tester(string text)
    {
        if (text.Length == 0)
        {
            SetRawMode();
        }
        else if (text == "pause")
        {
            PauseProducing();
        }
        else if (text == "rawpause")
        {
            PauseProducing();
            SetRawMode();
        }
        else if (text == "stop")
        {
            Stopped = true;
            StopProducing();
        }
        else if (text.StartsWith("len ", StringComparison.Ordinal))
        {
            _length = int.Parse(text[4..], CultureInfo.InvariantCulture);
        }
    }
}
