using Trial.Fakes.Simulation;
using Trial.Time;

namespace Trial.Runner.Running;

/// <summary>What a simulated test left on its network: each host's delayed calls, listeners, UDP ports, connection attempts and connections.</summary>
internal static class SimulatedLeftovers
{
    /// <summary>Lists and cleans the leftovers of every host, and the clock's own calls that are not network plumbing.</summary>
    internal static List<Leftover> CollectAndClean(SimulatedNetwork network)
    {
        var found = new List<Leftover>();
        foreach (var host in network.Hosts)
        {
            var resources = new List<object>();
            resources.AddRange(host.Listeners.Values);
            resources.AddRange(host.DatagramPorts.Values);
            resources.AddRange(host.Attempts);
            resources.AddRange(host.OrderedConnections());
            var calls = host.Calls.Snapshot().Where(c => c.Traced).Cast<IDelayedCall>().ToList();
            found.AddRange(Leftovers.CollectAndClean(calls, resources).Select(l => l with { What = $"on host {host.Name}: {l.What}" }));
        }

        // Calls made on the clock directly (its TimeProvider, Clock.CallLater), not by a host or by the network itself.
        var direct = network.Clock.GetDelayedCalls()
            .Where(c => !(c is DelayedCall d && d.Target.StartsWith("Trial.Fakes.Simulation.", StringComparison.Ordinal)))
            .ToList();
        found.AddRange(Leftovers.CollectAndClean(direct, []));
        return found;
    }
}
