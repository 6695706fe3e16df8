using System.Globalization;
using Trial.Randomness;

namespace Trial.Fakes.IOSim;

/// <summary>
/// How an <see cref="IOPump"/> cuts the bytes it delivers into <c>DataReceived</c> calls. Real networks split and
/// merge writes; slicing makes framing code meet split reads in a test, reproducibly.
/// </summary>
/// <remarks>
/// Slicing never merges bytes across rounds: each round delivers what was pending when it began, cut into slices.
/// A random slicing draws from its source on every slice, so give each pump its own to keep runs independent.
/// </remarks>
public sealed class Slicing
{
    private readonly IRandomSource? _random;
    private readonly int _min;
    private readonly int _max;

    private Slicing(int min, int max, IRandomSource? random)
    {
        _min = min;
        _max = max;
        _random = random;
    }

    /// <summary>Gets the default slicing: everything pending in one direction in one call per round, as Twisted's pump delivers.</summary>
    public static Slicing Whole { get; } = new(int.MaxValue, int.MaxValue, null);

    /// <summary>Gets a slicing that delivers one byte per call: the harshest test of a framing parser.</summary>
    public static Slicing ByteByByte { get; } = new(1, 1, null);

    /// <summary>Makes a slicing that delivers chunks of <paramref name="size"/> bytes (the last of a round may be shorter).</summary>
    /// <param name="size">The chunk size; positive.</param>
    /// <returns>The slicing.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is not positive.</exception>
    public static Slicing Fixed(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        return new(size, size, null);
    }

    /// <summary>Makes a slicing whose chunk sizes are drawn uniformly from [<paramref name="minSize"/>, <paramref name="maxSize"/>] by a <see cref="SeededRandom"/>.</summary>
    /// <param name="seed">The seed; the same seed gives the same sizes.</param>
    /// <param name="minSize">The smallest chunk; positive.</param>
    /// <param name="maxSize">The largest chunk; at least <paramref name="minSize"/>.</param>
    /// <returns>The slicing.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    public static Slicing Random(ulong seed, int minSize = 1, int maxSize = 64) => Random(new SeededRandom(seed), minSize, maxSize);

    /// <summary>Makes a slicing whose chunk sizes are drawn uniformly from [<paramref name="minSize"/>, <paramref name="maxSize"/>] by <paramref name="random"/>.</summary>
    /// <param name="random">The source of the sizes.</param>
    /// <param name="minSize">The smallest chunk; positive.</param>
    /// <param name="maxSize">The largest chunk; at least <paramref name="minSize"/>.</param>
    /// <returns>The slicing.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    public static Slicing Random(IRandomSource random, int minSize = 1, int maxSize = 64)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minSize);
        if (maxSize < minSize || maxSize == int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(maxSize), maxSize, string.Create(CultureInfo.InvariantCulture, $"The largest chunk must be at least the smallest ({minSize}) and below int.MaxValue, but was {maxSize}."));
        }

        return new(minSize, maxSize, random);
    }

    /// <inheritdoc/>
    public override string ToString() => _random is not null
        ? string.Create(CultureInfo.InvariantCulture, $"Random({_min}..{_max})")
        : _min == int.MaxValue ? "Whole" : string.Create(CultureInfo.InvariantCulture, $"Fixed({_min})");

    /// <summary>Returns the size of the next slice when <paramref name="remaining"/> bytes are left in the round.</summary>
    internal int NextSize(int remaining)
    {
        int size = _random is null ? _min : _random.Next(_min, _max + 1);
        return Math.Min(size, remaining);
    }
}
