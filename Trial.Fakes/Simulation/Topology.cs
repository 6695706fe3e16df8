using System.Globalization;

namespace Trial.Fakes.Simulation;

/// <summary>The links between hosts (made when first used) and the partitions, clogs and spikes that hold them.</summary>
internal sealed class Topology(SimulatedNetwork net)
{
    private readonly Dictionary<long, Link> _links = [];
    private readonly HashSet<long> _cuts = [];

    internal Link Get(SimulatedHost from, SimulatedHost to)
    {
        long key = Key(from.Id, to.Id);
        if (!_links.TryGetValue(key, out var link))
        {
            link = new Link(from, to, net.Options.DefaultLink) { Cut = _cuts.Contains(key) };
            _links.Add(key, link);
        }

        return link;
    }

    internal void SetOptions(SimulatedHost from, SimulatedHost to, LinkOptions options)
    {
        var link = Get(from, to);
        link.Options = options.Validated();
        link.Own = true;
    }

    /// <summary>Cuts every direction from a host of <paramref name="from"/> to a host of <paramref name="to"/>.</summary>
    internal void Cut(IReadOnlyList<SimulatedHost> from, IReadOnlyList<SimulatedHost> to, bool bothWays, string detail)
    {
        foreach (var a in from)
        {
            foreach (var b in to)
            {
                CutOne(a, b);
                if (bothWays)
                {
                    CutOne(b, a);
                }
            }
        }

        net.Record(TraceEventKind.Fault, -1, -1, 0, 0, detail);
        net.FaultCoverage.Add(FaultKind.Partition);
    }

    /// <summary>Removes every partition; what waited on the links is sent.</summary>
    internal void Heal()
    {
        if (_cuts.Count == 0)
        {
            return;
        }

        _cuts.Clear();
        net.Record(TraceEventKind.FaultEnded, -1, -1, 0, 0, "heal");
        foreach (var link in Ordered())
        {
            if (link.Cut)
            {
                link.Cut = false;
                link.Opened();
            }
        }
    }

    /// <summary>Clogs a host (<paramref name="to"/> null) or one direction of a link until now + <paramref name="duration"/>.</summary>
    internal void Clog(SimulatedHost from, SimulatedHost? to, TimeSpan duration)
    {
        long until = net.NowTicks + duration.Ticks;
        if (to is null)
        {
            from.ClogUntil = Math.Max(from.ClogUntil, until);
        }
        else
        {
            var link = Get(from, to);
            link.ClogUntil = Math.Max(link.ClogUntil, until);
        }

        string what = to is null ? from.Name : $"{from.Name} -> {to.Name}";
        net.Record(TraceEventKind.Fault, -1, -1, 0, 0, string.Create(CultureInfo.InvariantCulture, $"clog {what} for {duration}"));
        net.FaultCoverage.Add(FaultKind.Clog);
        net.Clock.CallLater(duration, () => Unclogged(what));
    }

    /// <summary>Adds <paramref name="extra"/> delay to one direction of a link for <paramref name="duration"/>.</summary>
    internal void Spike(SimulatedHost from, SimulatedHost to, TimeSpan extra, TimeSpan duration)
    {
        var link = Get(from, to);
        link.SpikeTicks += extra.Ticks;
        net.Record(TraceEventKind.Fault, -1, -1, 0, 0, string.Create(CultureInfo.InvariantCulture, $"latency spike {from.Name} -> {to.Name} +{extra} for {duration}"));
        net.FaultCoverage.Add(FaultKind.LatencySpike);
        net.Clock.CallLater(duration, () =>
        {
            link.SpikeTicks -= extra.Ticks;
            net.Record(TraceEventKind.FaultEnded, -1, -1, 0, 0, $"latency spike {from.Name} -> {to.Name} over");
        });
    }

    private void Unclogged(string what)
    {
        net.Record(TraceEventKind.FaultEnded, -1, -1, 0, 0, $"unclog {what}");
        long now = net.NowTicks;
        foreach (var link in Ordered())
        {
            if (!link.Blocked(now))
            {
                link.Opened();
                net.ReleaseHeld(link);
            }
        }
    }

    /// <summary>The links in a fixed order, so waking them is deterministic.</summary>
    private List<Link> Ordered()
    {
        var links = new List<Link>(_links.Values);
        links.Sort(static (a, b) => a.From.Id != b.From.Id ? a.From.Id.CompareTo(b.From.Id) : a.To.Id.CompareTo(b.To.Id));
        return links;
    }

    private void CutOne(SimulatedHost from, SimulatedHost to)
    {
        if (from != to && _cuts.Add(Key(from.Id, to.Id)) && _links.TryGetValue(Key(from.Id, to.Id), out var link))
        {
            link.Cut = true;
        }
    }

    private static long Key(int from, int to) => ((long)from << 32) | (uint)to;
}
