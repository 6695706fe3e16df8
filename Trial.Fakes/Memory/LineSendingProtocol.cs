using Trial.Framing;

namespace Trial.Fakes.Memory;

/// <summary>
/// A line receiver that sends a fixed list of lines, either as soon as it connects or in answer to the first line it
/// receives, and records every line it receives and whether it was disconnected.
/// </summary>
public class LineSendingProtocol : LineReceiver
{
    private readonly List<byte[]> _lines;
    private readonly List<byte[]> _response = [];
    private readonly bool _start;

    /// <summary>Initializes a new protocol.</summary>
    /// <param name="lines">The lines to send, without delimiters; a copy of the list is kept.</param>
    /// <param name="start"><see langword="true"/> to send them on connecting; <see langword="false"/> to send them in answer to the first line received.</param>
    public LineSendingProtocol(IEnumerable<byte[]> lines, bool start = true)
    {
        ArgumentNullException.ThrowIfNull(lines);
        _lines = [.. lines];
        _start = start;
    }

    /// <summary>Gets the lines received, in order, without delimiters.</summary>
    public IReadOnlyList<byte[]> Response => _response;

    /// <summary>Gets a value indicating whether the connection was lost.</summary>
    public bool LostConnection { get; private set; }

    /// <inheritdoc/>
    public override void ConnectionMade()
    {
        if (_start)
        {
            SendAll();
        }
    }

    /// <inheritdoc/>
    public override void ConnectionLost(Exception reason)
    {
        base.ConnectionLost(reason);
        LostConnection = true;
    }

    /// <inheritdoc/>
    protected override void LineReceived(ReadOnlySpan<byte> line)
    {
        if (!_start)
        {
            SendAll();
        }

        _response.Add(line.ToArray());
    }

    private void SendAll()
    {
        foreach (var line in _lines)
        {
            SendLine(line);
        }

        if (!_start)
        {
            _lines.Clear();
        }
    }
}
