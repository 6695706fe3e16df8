using System.Globalization;
using System.Net;
using System.Text;

namespace Trial.Fakes.Simulation;

/// <summary>
/// Draws a trace as an SVG sequence diagram: hosts as lifelines, one row per event (time on the left), packets as
/// arrows from the sender's row to the row where they arrived, faults as bands across the diagram.
/// </summary>
internal sealed class SequenceDiagramWriter
{
    private const int Left = 120;
    private const int Column = 190;
    private const int Top = 70;
    private const int Row = 22;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private readonly List<TraceEvent> _rows = [];
    private readonly List<string> _hosts = [];
    private readonly Dictionary<long, int> _arrivalRow = [];
    private readonly StringBuilder _svg = new();
    private int _hidden;
    private int _timers;
    private TimeSpan? _next;

    internal SequenceDiagramWriter(NetworkTrace trace, SequenceDiagramOptions options)
    {
        Options = options;
        Select(trace);
        MatchArrivals();
    }

    private SequenceDiagramOptions Options { get; }

    internal void Write(Stream destination)
    {
        int width = Left + Math.Max(1, _hosts.Count) * Column + 200;
        int bottom = Top + (_rows.Count + 1) * Row;
        int height = bottom + 50;
        _svg.Append(Invariant, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="DejaVu Sans, Arial, sans-serif" font-size="11">""").Append('\n');
        _svg.Append("""<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="context-stroke"/></marker></defs>""").Append('\n');
        _svg.Append(Invariant, $"""<rect width="{width}" height="{height}" fill="white"/>""").Append('\n');
        Text(10, 20, Options.Title, "font-size=\"15\" font-weight=\"bold\"");
        for (int h = 0; h < _hosts.Count; h++)
        {
            int x = X(h);
            _svg.Append(Invariant, $"""<line x1="{x}" y1="{Top - 15}" x2="{x}" y2="{bottom}" stroke="#999" stroke-dasharray="4 3"/>""").Append('\n');
            _svg.Append(Invariant, $"""<rect x="{x - 70}" y="{Top - 42}" width="140" height="24" rx="4" fill="#e8eef7" stroke="#4a6fa5"/>""").Append('\n');
            Text(x, Top - 26, _hosts[h], "text-anchor=\"middle\" font-weight=\"bold\"");
        }

        for (int r = 0; r < _rows.Count; r++)
        {
            DrawRow(r, _rows[r]);
        }

        string footer = _hidden == 0 && _timers == 0
            ? string.Create(Invariant, $"{_rows.Count} events.")
            : string.Create(Invariant, $"{_rows.Count} events drawn; {_hidden} more after this window{(_next is { } next ? $" (next from {Seconds(next)})" : string.Empty)}; {_timers} timer events not drawn.");
        Text(10, bottom + 30, footer, "fill=\"#555\"");
        _svg.Append("</svg>\n");
        var bytes = Encoding.UTF8.GetBytes(_svg.ToString());
        destination.Write(bytes);
        destination.Flush();
    }

    private static string Seconds(TimeSpan time) => TraceFormatter.Seconds(time);

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    private static string? PacketLabel(in TraceEvent e) => e.Kind switch
    {
        TraceEventKind.ConnectStarted => string.Create(Invariant, $"SYN #{e.ConnectionId}"),
        TraceEventKind.Accepted => string.Create(Invariant, $"SYN-ACK #{e.ConnectionId}"),
        TraceEventKind.Connected => string.Create(Invariant, $"ACK #{e.ConnectionId}"),
        TraceEventKind.BytesSent => string.Create(Invariant, $"#{e.ConnectionId} {e.ByteCount} B @{e.StreamOffset}"),
        TraceEventKind.CloseSent => string.Create(Invariant, $"FIN #{e.ConnectionId}"),
        TraceEventKind.ResetSent => string.Create(Invariant, $"RST #{e.ConnectionId}{(e.Detail is null ? string.Empty : ": " + e.Detail)}"),
        TraceEventKind.DatagramSent => string.Create(Invariant, $"UDP {e.ByteCount} B"),
        _ => null,
    };

    private void Select(NetworkTrace trace)
    {
        int count = trace.Count;
        for (int i = 0; i < count; i++)
        {
            var e = trace.Read(i);
            if ((Options.From is { } from && e.Time < from) || (Options.To is { } to && e.Time > to))
            {
                continue;
            }

            if (e.Kind == TraceEventKind.TimerFired && !Options.ShowTimers)
            {
                _timers++;
                continue;
            }

            if (_rows.Count == Options.MaxRows)
            {
                _next ??= e.Time;
                _hidden++;
                continue;
            }

            _rows.Add(e);
            AddHost(e.Host);
            if (e.Peer is { } peer)
            {
                AddHost(peer);
            }
        }
    }

    private void AddHost(string host)
    {
        if (host != NetworkTrace.NetworkHost && !_hosts.Contains(host))
        {
            _hosts.Add(host);
        }
    }

    /// <summary>Finds, for each packet, the row where it arrived: a send's delivery, a SYN's accept, a SYN-ACK's connect, a datagram's delivery or loss.</summary>
    private void MatchArrivals()
    {
        var streams = new Dictionary<(long, IPEndPoint?), Queue<int>>();
        var handshakes = new Dictionary<(long, TraceEventKind), List<int>>();
        var datagrams = new Dictionary<(IPEndPoint?, IPEndPoint?), Queue<int>>();
        for (int r = 0; r < _rows.Count; r++)
        {
            var e = _rows[r];
            switch (e.Kind)
            {
                case TraceEventKind.BytesSent:
                    Pending(streams, (e.ConnectionId, e.Source)).Enqueue(r);
                    break;
                case TraceEventKind.BytesDelivered when streams.TryGetValue((e.ConnectionId, e.Source), out var sent):
                    long end = e.StreamOffset + e.ByteCount;
                    while (sent.TryPeek(out int s) && _rows[s].StreamOffset + _rows[s].ByteCount <= end)
                    {
                        _arrivalRow[sent.Dequeue()] = r;
                    }

                    break;
                case TraceEventKind.ConnectStarted:
                    PendingList(handshakes, (e.ConnectionId, TraceEventKind.Accepted)).Add(r);
                    break;
                case TraceEventKind.Accepted:
                    Arrive(handshakes, (e.ConnectionId, TraceEventKind.Accepted), r);
                    PendingList(handshakes, (e.ConnectionId, TraceEventKind.Connected)).Add(r);
                    break;
                case TraceEventKind.Connected:
                    Arrive(handshakes, (e.ConnectionId, TraceEventKind.Connected), r);
                    break;
                case TraceEventKind.DatagramSent:
                    Pending(datagrams, (e.Source, e.Destination)).Enqueue(r);
                    break;
                case TraceEventKind.DatagramDelivered or TraceEventKind.DatagramLost when datagrams.TryGetValue((e.Source, e.Destination), out var flying) && flying.TryDequeue(out int d):
                    _arrivalRow[d] = r;
                    break;
            }
        }
    }

    private static Queue<int> Pending<TKey>(Dictionary<TKey, Queue<int>> map, TKey key)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var queue))
        {
            map[key] = queue = new Queue<int>();
        }

        return queue;
    }

    private static List<int> PendingList(Dictionary<(long, TraceEventKind), List<int>> map, (long, TraceEventKind) key)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        return list;
    }

    private void Arrive(Dictionary<(long, TraceEventKind), List<int>> map, (long, TraceEventKind) key, int row)
    {
        if (map.Remove(key, out var sent))
        {
            foreach (int s in sent)
            {
                _arrivalRow[s] = row;
            }
        }
    }

    private int X(int host) => Left + host * Column + Column / 2;

    private int X(string host) => X(_hosts.IndexOf(host));

    private static int Y(int row) => Top + row * Row + Row / 2;

    private void DrawRow(int r, in TraceEvent e)
    {
        int y = Y(r);
        Text(10, y + 4, Seconds(e.Time), "fill=\"#555\"");
        string? label = PacketLabel(e);
        if (label is not null && e.Peer is { } peer)
        {
            Arrow(r, e, peer, label);
            return;
        }

        switch (e.Kind)
        {
            case TraceEventKind.Fault or TraceEventKind.FaultEnded:
            {
                bool begins = e.Kind == TraceEventKind.Fault;
                int right = X(Math.Max(0, _hosts.Count - 1)) + 80;
                _svg.Append(Invariant, $"""<rect x="{Left}" y="{y - 9}" width="{right - Left}" height="18" fill="{(begins ? "#fde2c4" : "#d8f0d8")}" stroke="{(begins ? "#e07b00" : "#2e8b57")}"/>""").Append('\n');
                Text(Left + 6, y + 4, $"{(begins ? "FAULT" : "ENDED")}: {e.Detail}", $"fill=\"{(begins ? "#a04d00" : "#1d6b3c")}\" font-weight=\"bold\"");
                return;
            }

            case TraceEventKind.Crash or TraceEventKind.Restart:
            {
                bool crash = e.Kind == TraceEventKind.Crash;
                int x = X(e.Host);
                _svg.Append(Invariant, $"""<rect x="{x - 45}" y="{y - 9}" width="90" height="18" rx="3" fill="{(crash ? "#c62828" : "#2e7d32")}"/>""").Append('\n');
                Text(x, y + 4, crash ? $"CRASH {e.Detail}" : "RESTART", "text-anchor=\"middle\" fill=\"white\" font-weight=\"bold\"");
                return;
            }

            case TraceEventKind.BytesDelivered or TraceEventKind.DatagramDelivered:
                Note(e.Host, y, string.Create(Invariant, $"got {e.ByteCount} B"), "#2b5c9e", dot: true);
                return;
            case TraceEventKind.DatagramLost:
                Note(e.Host, y, $"✕ lost: {e.Detail}", "#c62828", dot: false);
                return;
            case TraceEventKind.ConnectRefused or TraceEventKind.ConnectFailed or TraceEventKind.ConnectionLost:
                Note(e.Host, y, $"{e.Kind}{(e.Detail is null ? string.Empty : ": " + e.Detail)}", e.Kind == TraceEventKind.ConnectionLost && e.Detail == "ConnectionDone" ? "#555" : "#c62828", dot: false);
                return;
            default:
                if (e.Host != NetworkTrace.NetworkHost)
                {
                    Note(e.Host, y, $"{e.Kind}{(e.Detail is null ? string.Empty : ": " + e.Detail)}", "#777", dot: false);
                }

                return;
        }
    }

    private void Arrow(int r, in TraceEvent e, string peer, string label)
    {
        int x1 = X(e.Host);
        int x2 = X(peer);
        int y1 = Y(r);
        bool arrived = _arrivalRow.TryGetValue(r, out int end);
        bool lost = arrived && _rows[end].Kind == TraceEventKind.DatagramLost;
        int y2 = arrived ? Y(end) : y1;
        string color = e.Kind switch
        {
            TraceEventKind.ResetSent => "#c62828",
            TraceEventKind.BytesSent or TraceEventKind.DatagramSent => "#2b5c9e",
            _ => "#444",
        };
        bool data = e.Kind is TraceEventKind.BytesSent or TraceEventKind.DatagramSent;
        string dash = lost || (data && !arrived) ? " stroke-dasharray=\"5 3\"" : string.Empty;
        if (x1 == x2)
        {
            // A host talking to itself: a loop on its own lifeline.
            _svg.Append(Invariant, $"""<path d="M{x1},{y1} h30 V{y2 + 6} h-30" fill="none" stroke="{color}"{dash} marker-end="url(#arrow)"/>""").Append('\n');
        }
        else
        {
            _svg.Append(Invariant, $"""<line x1="{x1}" y1="{y1}" x2="{(lost ? (x1 + x2) / 2 : x2)}" y2="{y2}" stroke="{color}"{dash} stroke-width="1.3"{(lost ? string.Empty : " marker-end=\"url(#arrow)\"")}/>""").Append('\n');
        }

        string suffix = lost ? " ✕" : data && !arrived ? " (no arrival drawn)" : string.Empty;
        int labelX = x1 + (x2 >= x1 ? 6 : -6);
        Text(labelX, y1 - 3, label + suffix, $"fill=\"{color}\"{(x2 >= x1 ? string.Empty : " text-anchor=\"end\"")}");
    }

    private void Note(string host, int y, string text, string color, bool dot)
    {
        if (_hosts.IndexOf(host) < 0)
        {
            return;
        }

        int x = X(host);
        if (dot)
        {
            _svg.Append(Invariant, $"""<circle cx="{x}" cy="{y}" r="3" fill="{color}"/>""").Append('\n');
        }

        Text(x + 7, y + 4, text, $"fill=\"{color}\"");
    }

    private void Text(int x, int y, string text, string attributes) =>
        _svg.Append(Invariant, $"""<text x="{x}" y="{y}" {attributes}>{Escape(text)}</text>""").Append('\n');
}
