using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace Trial.Randomness;

/// <summary>
/// A seeded random source with a fixed algorithm (xoshiro256**, seeded through SplitMix64), so a seed means the
/// same sequence on every machine and every .NET version, unlike <see cref="System.Random"/>.
/// </summary>
public sealed class SeededRandom : IRandomSource
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>Initializes a new instance from <paramref name="seed"/>.</summary>
    /// <param name="seed">Any value; equal seeds give equal sequences.</param>
    public SeededRandom(ulong seed)
    {
        Seed = seed;
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>
    /// Makes a source for production code (real mode): its seed comes from the operating system's cryptographic
    /// generator, so every process draws differently, as back-off jitter needs.
    /// </summary>
    /// <remarks>
    /// Only the seed comes from the operating system; the draws are this type's algorithm, so logging
    /// <see cref="Seed"/> lets a run's draws be replayed with <c>new SeededRandom(seed)</c>. The draws are
    /// predictable from the seed: not for keys, tokens or anything else secret.
    /// </remarks>
    /// <returns>A new source with a fresh seed.</returns>
    public static SeededRandom FromOperatingSystemSeed()
    {
        // RandomNumberGenerator, not an unseeded Random: the seed stays known (Seed), so even production draws
        // can be replayed, and no process-wide generator is shared across threads.
        Span<byte> seed = stackalloc byte[sizeof(ulong)];
        RandomNumberGenerator.Fill(seed);
        return new SeededRandom(BinaryPrimitives.ReadUInt64LittleEndian(seed));
    }

    /// <summary>Gets the seed the source was made from.</summary>
    public ulong Seed { get; }

    /// <inheritdoc/>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <inheritdoc/>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <inheritdoc/>
    public int Next(int minInclusive, int maxExclusive)
    {
        if (maxExclusive <= minInclusive)
        {
            throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, string.Create(CultureInfo.InvariantCulture, $"The upper bound must exceed the lower bound {minInclusive}, but was {maxExclusive}."));
        }

        // Lemire's multiply-shift with rejection: unbiased, and the same on every platform.
        ulong range = (ulong)((long)maxExclusive - minInclusive);
        ulong threshold = (0UL - range) % range;
        while (true)
        {
            ulong product = Math.BigMul(NextUInt64(), range, out ulong low);
            if (low >= threshold)
            {
                return (int)((long)minInclusive + (long)product);
            }
        }
    }

    /// <summary>Makes an independent source for a named part of a run, so adding draws in one part leaves the others alone.</summary>
    /// <param name="stream">A number naming the part.</param>
    /// <returns>A new source derived from this one's seed and <paramref name="stream"/>.</returns>
    public SeededRandom Fork(ulong stream)
    {
        ulong x = Seed ^ (stream * 0x9E3779B97F4A7C15UL);
        return new SeededRandom(SplitMix64(ref x));
    }

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
