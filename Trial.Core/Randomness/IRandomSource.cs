namespace Trial.Randomness;

/// <summary>
/// A source of chance for library code (jitter, fault injection, slicing). Inject one made from a seed, so that
/// the same seed gives the same run.
/// </summary>
public interface IRandomSource
{
    /// <summary>Returns 64 uniformly random bits.</summary>
    /// <returns>The next value.</returns>
    ulong NextUInt64();

    /// <summary>Returns a uniformly random value in [0, 1).</summary>
    /// <returns>The next value.</returns>
    double NextDouble();

    /// <summary>Returns a uniformly random integer in [<paramref name="minInclusive"/>, <paramref name="maxExclusive"/>).</summary>
    /// <param name="minInclusive">The smallest value returned.</param>
    /// <param name="maxExclusive">One more than the largest value returned; must exceed <paramref name="minInclusive"/>.</param>
    /// <returns>The next value.</returns>
    int Next(int minInclusive, int maxExclusive);
}
