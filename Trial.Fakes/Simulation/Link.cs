namespace Trial.Fakes.Simulation;

/// <summary>One direction of the link between two hosts: its settings and the faults that hold it.</summary>
internal sealed class Link
{
    internal Link(SimulatedHost from, SimulatedHost to, LinkOptions options)
    {
        From = from;
        To = to;
        Options = options;
    }

    internal SimulatedHost From { get; }

    internal SimulatedHost To { get; }

    /// <summary>Gets or sets the settings; <see langword="null"/> in <see cref="Own"/> means the network's default.</summary>
    internal LinkOptions Options { get; set; }

    /// <summary>Gets or sets a value indicating whether the link was given settings of its own.</summary>
    internal bool Own { get; set; }

    /// <summary>Gets or sets when the link is free to start the next segment or datagram (bandwidth), in ticks.</summary>
    internal long BusyUntil { get; set; }

    /// <summary>Gets or sets a value indicating whether a partition cuts this direction.</summary>
    internal bool Cut { get; set; }

    /// <summary>Gets or sets the tick until which the link is clogged (everything waits).</summary>
    internal long ClogUntil { get; set; }

    /// <summary>Gets or sets the extra delay of a latency spike, in ticks.</summary>
    internal long SpikeTicks { get; set; }

    /// <summary>Gets the flows waiting for the link to open.</summary>
    internal List<Flow> Stalled { get; } = [];

    /// <summary>Gets datagrams held by a clog, in the order they were sent.</summary>
    internal List<Datagram> Held { get; } = [];

    /// <summary>Whether nothing can cross the link at <paramref name="now"/>: it is cut, clogged, or an end is clogged.</summary>
    internal bool Blocked(long now) => Cut || ClogUntil > now || From.ClogUntil > now || To.ClogUntil > now;

    /// <summary>Whether a partition drops what is sent (a clog only holds it).</summary>
    internal bool Dropping => Cut;

    /// <summary>Wakes the flows that waited for the link, in the order they stalled.</summary>
    internal void Opened()
    {
        if (Stalled.Count == 0)
        {
            return;
        }

        var flows = Stalled.ToArray();
        Stalled.Clear();
        foreach (var flow in flows)
        {
            flow.Unstalled();
        }
    }
}
