namespace Trial.Fakes.Simulation;

/// <summary>
/// A 64-bit running hash of a trace, written out here (not <see cref="HashCode"/>, which is seeded per process) so
/// the same events give the same hash on every machine and runtime.
/// </summary>
internal struct TraceHasher
{
    private const ulong Multiplier = 0x9E3779B97F4A7C15UL;
    private ulong _state;

    /// <summary>Gets the hash of everything added so far, as 16 lowercase hex digits.</summary>
    internal readonly string Value
    {
        get
        {
            // SplitMix64's finalizer, so that a change in any input bit flips about half of the output bits.
            ulong z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return (z ^ (z >> 31)).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    internal void Add(ulong value) => _state = ulong.RotateLeft((_state ^ value) * Multiplier, 29) + 0x632BE59BD9B4E019UL;

    internal void Add(long value) => Add((ulong)value);

    internal void Add(string? text)
    {
        if (text is null)
        {
            Add(ulong.MaxValue);
            return;
        }

        Add((ulong)text.Length);
        foreach (char c in text)
        {
            Add((ulong)c);
        }
    }

    internal void Add(ReadOnlySpan<byte> bytes)
    {
        Add((ulong)bytes.Length);
        foreach (byte b in bytes)
        {
            Add((ulong)b);
        }
    }
}
