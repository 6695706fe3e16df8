using System.Buffers.Text;
using Trial.Time;

namespace Examples.KeyValue.Server;

/// <summary>
/// The data: keys and values as bytes, each key with an optional expiry on the reactor's time (never the wall
/// clock), so on a virtual clock a key set to expire in 30 minutes is gone once the clock has moved 30 minutes.
/// </summary>
/// <remarks>
/// A key with a time to live holds a delayed call that removes it at its due time: O(log n) to set, reset or
/// cancel, and an expired key never lingers. Lookups take spans and allocate nothing. Call it on the reactor's thread.
/// </remarks>
public sealed class KeyValueStore
{
    private readonly IReactorTime _time;
    private readonly Dictionary<byte[], Entry> _entries = new(ByteKeyComparer.Instance);
    private readonly Dictionary<byte[], Entry>.AlternateLookup<ReadOnlySpan<byte>> _lookup;

    /// <summary>Initializes an empty store whose expiries run on <paramref name="time"/>.</summary>
    /// <param name="time">The reactor (or clock) whose time expiries follow.</param>
    public KeyValueStore(IReactorTime time)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _lookup = _entries.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>Gets how many keys the store holds.</summary>
    public int Count => _entries.Count;

    /// <summary>Returns the value of <paramref name="key"/>, or <see langword="null"/> when there is none.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value; the store's own array, which later writes replace rather than change.</returns>
    public byte[]? Get(ReadOnlySpan<byte> key) => _lookup.TryGetValue(key, out var entry) ? entry.Value : null;

    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/>, replacing any value and time to live.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value; copied.</param>
    /// <param name="timeToLive">How long until the key expires, or <see langword="null"/> to keep it until deleted.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeToLive"/> is zero or negative.</exception>
    public void Set(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, TimeSpan? timeToLive = null)
    {
        if (timeToLive <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeToLive), timeToLive, "A time to live must be positive.");
        }

        var entry = Entry(key);
        entry.Value = value.ToArray();
        entry.CancelExpiry();
        if (timeToLive is TimeSpan ttl)
        {
            entry.Expiry = _time.CallLater(ttl, () => Remove(entry));
        }
    }

    /// <summary>Removes <paramref name="key"/>.</summary>
    /// <param name="key">The key.</param>
    /// <returns>Whether the key existed.</returns>
    public bool Delete(ReadOnlySpan<byte> key)
    {
        if (!_lookup.TryGetValue(key, out var entry))
        {
            return false;
        }

        entry.CancelExpiry();
        return _lookup.Remove(key);
    }

    /// <summary>Adds one to the integer stored at <paramref name="key"/> (0 when missing), keeping its time to live.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The new value.</returns>
    /// <exception cref="FormatException">The value is not a 64-bit decimal integer.</exception>
    /// <exception cref="OverflowException">The value is <see cref="long.MaxValue"/>.</exception>
    public long Increment(ReadOnlySpan<byte> key)
    {
        long current = 0;
        if (_lookup.TryGetValue(key, out var existing) && (!Utf8Parser.TryParse(existing.Value, out current, out int used) || used != existing.Value.Length))
        {
            throw new FormatException("The value is not an integer or out of range.");
        }

        long next = checked(current + 1);
        var entry = existing ?? Entry(key);
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(next, digits, out int length);
        entry.Value = digits[..length].ToArray();
        return next;
    }

    /// <summary>Sets the time to live of <paramref name="key"/>; zero or less removes it at once, as in Redis.</summary>
    /// <param name="key">The key.</param>
    /// <param name="timeToLive">How long until the key expires.</param>
    /// <returns>Whether the key existed.</returns>
    public bool Expire(ReadOnlySpan<byte> key, TimeSpan timeToLive)
    {
        if (!_lookup.TryGetValue(key, out var entry))
        {
            return false;
        }

        if (timeToLive <= TimeSpan.Zero)
        {
            return Delete(key);
        }

        entry.CancelExpiry();
        entry.Expiry = _time.CallLater(timeToLive, () => Remove(entry));
        return true;
    }

    /// <summary>Returns how long <paramref name="key"/> has to live.</summary>
    /// <param name="key">The key.</param>
    /// <param name="exists">Whether the key exists.</param>
    /// <returns>The time left, or <see langword="null"/> when the key does not exist or never expires.</returns>
    public TimeSpan? TimeToLive(ReadOnlySpan<byte> key, out bool exists)
    {
        exists = _lookup.TryGetValue(key, out var entry);
        return entry?.Expiry is { } expiry ? expiry.Time - _time.Now : null;
    }

    /// <summary>Removes every key and cancels every pending expiry.</summary>
    public void Clear()
    {
        foreach (var entry in _entries.Values)
        {
            entry.CancelExpiry();
        }

        _entries.Clear();
    }

    private Entry Entry(ReadOnlySpan<byte> key)
    {
        if (!_lookup.TryGetValue(key, out var entry))
        {
            entry = new Entry(key.ToArray());
            _entries.Add(entry.Key, entry);
        }

        return entry;
    }

    private void Remove(Entry entry)
    {
        entry.Expiry = null;
        _entries.Remove(entry.Key);
    }
}
