namespace Trial.Fakes.Simulation;

/// <summary>
/// Runs a scenario twice per seed, each time on a fresh <see cref="SimulatedNetwork"/>, and reports the first event
/// where the two traces differ, with both versions of it: the way to find what in a scenario escapes the seed
/// (a wall-clock read, an unseeded random, a dictionary's order, a thread).
/// </summary>
public static class DeterminismCheck
{
    /// <summary>Runs <paramref name="scenario"/> twice with <paramref name="seed"/> and compares the traces.</summary>
    /// <param name="seed">The seed of both runs.</param>
    /// <param name="scenario">Builds and runs the scenario on the network it is given.</param>
    /// <param name="options">The network options of both runs.</param>
    /// <returns>The hashes and the first difference, if any.</returns>
    public static DeterminismResult Run(ulong seed, Action<SimulatedNetwork> scenario, NetworkOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var first = new SimulatedNetwork(seed, options);
        scenario(first);
        var second = new SimulatedNetwork(seed, options);
        scenario(second);
        var difference = NetworkTrace.FirstDifference(first.Trace, second.Trace);
        return new DeterminismResult(seed, first.Trace.Hash, second.Trace.Hash, difference, first.FaultCoverage, first.Trace.Count);
    }

    /// <summary>Runs <paramref name="scenario"/> twice for each seed.</summary>
    /// <param name="seeds">The seeds.</param>
    /// <param name="scenario">Builds and runs the scenario on the network it is given.</param>
    /// <param name="options">The network options of every run.</param>
    /// <returns>One result per seed, in order.</returns>
    public static IReadOnlyList<DeterminismResult> Run(IEnumerable<ulong> seeds, Action<SimulatedNetwork> scenario, NetworkOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        return seeds.Select(seed => Run(seed, scenario, options)).ToList();
    }

    /// <summary>Runs <paramref name="scenario"/> twice for each seed and throws at the first seed whose runs differ.</summary>
    /// <param name="seeds">The seeds.</param>
    /// <param name="scenario">Builds and runs the scenario on the network it is given.</param>
    /// <param name="options">The network options of every run.</param>
    /// <returns>The fault coverage of the sweep: every seed's first run added up.</returns>
    /// <exception cref="NondeterminismException">A seed gave two different traces; the message has the first difference.</exception>
    public static FaultCoverage Verify(IEnumerable<ulong> seeds, Action<SimulatedNetwork> scenario, NetworkOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        var total = new FaultCoverage();
        foreach (ulong seed in seeds)
        {
            var result = Run(seed, scenario, options);
            if (!result.IsDeterministic)
            {
                throw new NondeterminismException(result);
            }

            total.Add(result.Coverage);
        }

        return total;
    }
}
