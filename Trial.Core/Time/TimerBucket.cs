namespace Trial.Time;

/// <summary>An unordered batch of calls whose due times share one bucket of the <see cref="TimerQueue"/>.</summary>
internal sealed class TimerBucket
{
    private DelayedCall[] _items = new DelayedCall[8];

    /// <summary>Gets or sets the bucket number: the due time shifted right by <see cref="TimerQueue.BucketShift"/>.</summary>
    internal long Id { get; set; }

    /// <summary>Gets the number of calls in the bucket.</summary>
    internal int Count { get; private set; }

    /// <summary>Gets the calls; only the first <see cref="Count"/> are live.</summary>
    internal ReadOnlySpan<DelayedCall> Items => _items.AsSpan(0, Count);

    internal void Add(DelayedCall call)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        call.Index = Count;
        _items[Count++] = call;
    }

    /// <summary>Removes a call in O(1) by moving the last call into its slot.</summary>
    internal void Remove(DelayedCall call)
    {
        int last = --Count;
        var moved = _items[last];
        _items[call.Index] = moved;
        moved.Index = call.Index;
        _items[last] = null!;
    }

    /// <summary>Forgets every call (they have been moved elsewhere) so the bucket can be reused.</summary>
    internal void Clear()
    {
        Array.Clear(_items, 0, Count);
        Count = 0;
    }
}
