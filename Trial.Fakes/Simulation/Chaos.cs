using Trial.Randomness;

namespace Trial.Fakes.Simulation;

/// <summary>
/// Schedules a seeded chaos run: for each kind of fault in a fixed order, Poisson arrival times over the window;
/// each fault picks its target when it strikes, from what is up and open then.
/// </summary>
internal sealed class Chaos
{
    private readonly SimulatedNetwork _net;
    private readonly ChaosOptions _options;
    private readonly SeededRandom _random;

    private Chaos(SimulatedNetwork net, ChaosOptions options, SeededRandom random)
    {
        _net = net;
        _options = options;
        _random = random;
    }

    internal static void Start(SimulatedNetwork net, ChaosOptions options, SeededRandom random)
    {
        var chaos = new Chaos(net, options.Validated(), random);
        chaos.Plan(options.PartitionsPerMinute, chaos.Partition);
        chaos.Plan(options.ClogsPerMinute, chaos.Clog);
        chaos.Plan(options.LatencySpikesPerMinute, chaos.Spike);
        chaos.Plan(options.ResetsPerMinute, chaos.Reset);
        chaos.Plan(options.ProcessCrashesPerMinute, () => chaos.Crash(CrashKind.Process));
        chaos.Plan(options.MachineCrashesPerMinute, () => chaos.Crash(CrashKind.Machine));
    }

    private void Plan(double perMinute, Action strike)
    {
        if (perMinute <= 0)
        {
            return;
        }

        double meanTicks = TimeSpan.TicksPerMinute / perMinute;
        long at = 0;
        while (true)
        {
            // Exponential gaps: 1 - u is in (0, 1], so the logarithm is finite.
            at += (long)(-Math.Log(1.0 - _random.NextDouble()) * meanTicks);
            if (at >= _options.Duration.Ticks)
            {
                return;
            }

            _net.Clock.CallLater(TimeSpan.FromTicks(at), strike);
        }
    }

    private List<SimulatedHost> Eligible(bool up)
    {
        var hosts = _options.Hosts is { } names ? names.Select(name => _net[name]).ToList() : [.. _net.Hosts];
        return up ? hosts.FindAll(h => !h.IsDown) : hosts;
    }

    private TimeSpan FaultDuration()
    {
        long min = _options.MinFaultDuration.Ticks;
        long span = _options.MaxFaultDuration.Ticks - min;
        return TimeSpan.FromTicks(min + (long)(_random.NextDouble() * span));
    }

    private T Pick<T>(List<T> items) => items[_random.Next(0, items.Count)];

    private void Partition()
    {
        var hosts = Eligible(up: false);
        if (hosts.Count < 2)
        {
            return;
        }

        var side = new List<string>();
        var other = new List<string>();
        foreach (var host in hosts)
        {
            (_random.NextDouble() < 0.5 ? side : other).Add(host.Name);
        }

        if (side.Count == 0 || other.Count == 0)
        {
            // Every host fell on one side: move one across, so the split always separates someone.
            var (from, to) = side.Count == 0 ? (other, side) : (side, other);
            int i = _random.Next(0, from.Count);
            to.Add(from[i]);
            from.RemoveAt(i);
        }

        _net.Partition(side, other);
        _net.Clock.CallLater(FaultDuration(), _net.Heal);
    }

    private void Clog()
    {
        var hosts = Eligible(up: false);
        if (hosts.Count > 0)
        {
            _net.Clog(Pick(hosts).Name, FaultDuration());
        }
    }

    private void Spike()
    {
        var hosts = Eligible(up: false);
        if (hosts.Count < 2)
        {
            return;
        }

        var from = Pick(hosts);
        var to = Pick(hosts.FindAll(h => h != from));
        _net.LatencySpike(from.Name, to.Name, _options.SpikeLatency, FaultDuration());
    }

    private void Reset()
    {
        var ends = Eligible(up: true).SelectMany(h => h.OrderedConnections()).Where(e => e.Established && !e.Gone).ToList();
        if (ends.Count > 0)
        {
            ConnectionFaults.Reset(Pick(ends), "chaos reset");
        }
    }

    private void Crash(CrashKind kind)
    {
        var hosts = Eligible(up: true);
        if (hosts.Count == 0)
        {
            return;
        }

        var host = Pick(hosts);
        host.Crash(kind);
        _net.Clock.CallLater(FaultDuration(), () =>
        {
            if (host.IsDown)
            {
                host.Restart();
            }
        });
    }
}
