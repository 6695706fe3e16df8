namespace Trial.Fakes.Simulation;

/// <summary>The outcome of running one seed of a scenario twice.</summary>
/// <param name="Seed">The seed.</param>
/// <param name="FirstHash">The first run's trace hash.</param>
/// <param name="SecondHash">The second run's trace hash.</param>
/// <param name="Difference">The first event where the traces differ, with both versions, or <see langword="null"/> when they are equal.</param>
/// <param name="Coverage">The faults that fired in the first run.</param>
/// <param name="EventCount">The number of events in the first run's trace.</param>
public sealed record DeterminismResult(ulong Seed, string FirstHash, string SecondHash, TraceDifference? Difference, FaultCoverage Coverage, int EventCount)
{
    /// <summary>Gets a value indicating whether both runs gave the same trace.</summary>
    public bool IsDeterministic => Difference is null && FirstHash == SecondHash;

    /// <summary>Describes the result: the seed and hash, or the seed and the first difference.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => IsDeterministic
        ? $"seed {Seed}: deterministic, {EventCount} events, hash {FirstHash}, {Coverage}"
        : $"seed {Seed}: NOT deterministic (hashes {FirstHash} and {SecondHash}). {Difference}";
}
