namespace Trial.Time;

/// <summary>
/// The timer store every reactor shares: pending calls ordered by (due time, sequence number).
/// </summary>
/// <remarks>
/// <para>
/// Calls due before the horizon live in a 4-ary min-heap whose keys are stored inline, so sifting never
/// touches the call objects' memory except to record their new index. Calls due later wait, unordered,
/// in buckets of 2^<see cref="BucketShift"/> ticks (about 1.7 s); a small heap of bucket numbers orders the
/// buckets. When the near heap empties, the earliest bucket is poured into it and the horizon moves to
/// that bucket's end. This is a calendar queue with a heap per day.
/// </para>
/// <para>
/// Costs: schedule is O(1) into a bucket (plus O(log b) for a new bucket) or O(log m) into the near heap,
/// where m is the near heap's size; cancel is O(1) in a bucket or O(log m) in the heap; taking the next call
/// is O(log m) plus its share of the O(k) pour. With every call in one bucket it is a plain indexed heap,
/// O(log n) everywhere. The bucketing keeps the heap small, so a million timers cost close to what ten
/// thousand do per timer: the near heap stays in cache.
/// </para>
/// <para>
/// Where a call lives follows from its due time alone: below the horizon it is in the near heap, otherwise in
/// the bucket of its due time; either way <see cref="DelayedCall.Index"/> is its position there.
/// </para>
/// </remarks>
internal sealed class TimerQueue
{
    /// <summary>Log2 of the width of a bucket, in ticks.</summary>
    internal const int BucketShift = 24;

    private const int Arity = 4;

    private readonly Dictionary<long, TimerBucket> _buckets = [];
    private readonly PriorityQueue<TimerBucket, long> _bucketOrder = new();
    private readonly Stack<TimerBucket> _spareBuckets = new();
    private HeapEntry[] _heap = new HeapEntry[16];
    private int _heapCount;

    // Every call whose bucket number is below this one is in the near heap.
    private long _horizonBucket = long.MinValue;

    /// <summary>Gets the number of pending calls.</summary>
    internal int Count { get; private set; }

    internal void Add(DelayedCall call)
    {
        Count++;
        long id = call.Due >> BucketShift;
        if (id < _horizonBucket)
        {
            HeapPush(call);
            return;
        }

        if (!_buckets.TryGetValue(id, out var bucket))
        {
            bucket = _spareBuckets.Count > 0 ? _spareBuckets.Pop() : new TimerBucket();
            bucket.Id = id;
            _buckets.Add(id, bucket);
            _bucketOrder.Enqueue(bucket, id);
        }

        bucket.Add(call);
    }

    internal void Remove(DelayedCall call)
    {
        Count--;
        long id = call.Due >> BucketShift;
        if (id < _horizonBucket)
        {
            HeapRemoveAt(call.Index);
        }
        else
        {
            // An emptied bucket stays in the order heap until it comes up, then it is recycled.
            _buckets[id].Remove(call);
        }
    }

    /// <summary>Returns the earliest call without removing it, or <see langword="null"/> when none is pending.</summary>
    internal DelayedCall? Peek()
    {
        if (_heapCount == 0 && !Refill())
        {
            return null;
        }

        return _heap[0].Call;
    }

    /// <summary>Removes the earliest call, which <see cref="Peek"/> has just returned.</summary>
    internal void RemoveFirst()
    {
        Count--;
        HeapRemoveAt(0);
    }

    /// <summary>Copies every pending call into <paramref name="destination"/>, in no particular order.</summary>
    internal void CopyTo(List<DelayedCall> destination)
    {
        for (int i = 0; i < _heapCount; i++)
        {
            destination.Add(_heap[i].Call);
        }

        foreach (var bucket in _buckets.Values)
        {
            foreach (var call in bucket.Items)
            {
                destination.Add(call);
            }
        }
    }

    private static bool Less(in HeapEntry a, in HeapEntry b) => a.Due < b.Due || (a.Due == b.Due && a.Sequence < b.Sequence);

    /// <summary>Pours the earliest non-empty bucket into the (empty) near heap.</summary>
    private bool Refill()
    {
        while (_bucketOrder.TryDequeue(out var bucket, out long id))
        {
            _buckets.Remove(id);
            var items = bucket.Items;
            if (items.Length == 0)
            {
                _spareBuckets.Push(bucket);
                continue;
            }

            _horizonBucket = id + 1;
            EnsureHeapCapacity(items.Length);
            for (int i = 0; i < items.Length; i++)
            {
                var call = items[i];
                _heap[i] = new HeapEntry(call.Due, call.Sequence, call);
            }

            _heapCount = items.Length;
            bucket.Clear();
            _spareBuckets.Push(bucket);
            for (int i = (_heapCount - 2) / Arity; i >= 0; i--)
            {
                SiftDown(i);
            }

            for (int i = 0; i < _heapCount; i++)
            {
                _heap[i].Call.Index = i;
            }

            return true;
        }

        return false;
    }

    private void EnsureHeapCapacity(int needed)
    {
        if (needed > _heap.Length)
        {
            Array.Resize(ref _heap, Math.Max(needed, _heap.Length * 2));
        }
    }

    private void HeapPush(DelayedCall call)
    {
        EnsureHeapCapacity(_heapCount + 1);
        int i = _heapCount++;
        _heap[i] = new HeapEntry(call.Due, call.Sequence, call);
        SiftUp(i);
    }

    private void HeapRemoveAt(int index)
    {
        int last = --_heapCount;
        if (index != last)
        {
            _heap[index] = _heap[last];
            _heap[last] = default;
            if (index > 0 && Less(_heap[index], _heap[(index - 1) / Arity]))
            {
                SiftUp(index);
            }
            else
            {
                SiftDown(index);
            }
        }
        else
        {
            _heap[last] = default;
        }
    }

    private void SiftUp(int index)
    {
        var entry = _heap[index];
        while (index > 0)
        {
            int parent = (index - 1) / Arity;
            if (!Less(entry, _heap[parent]))
            {
                break;
            }

            _heap[index] = _heap[parent];
            _heap[index].Call.Index = index;
            index = parent;
        }

        _heap[index] = entry;
        entry.Call.Index = index;
    }

    private void SiftDown(int index)
    {
        var heap = _heap;
        int count = _heapCount;
        var entry = heap[index];
        while (true)
        {
            int first = (index * Arity) + 1;
            if (first >= count)
            {
                break;
            }

            int best = first;
            int end = Math.Min(first + Arity, count);
            for (int c = first + 1; c < end; c++)
            {
                if (Less(heap[c], heap[best]))
                {
                    best = c;
                }
            }

            if (!Less(heap[best], entry))
            {
                break;
            }

            heap[index] = heap[best];
            heap[index].Call.Index = index;
            index = best;
        }

        heap[index] = entry;
        entry.Call.Index = index;
    }

    private readonly record struct HeapEntry(long Due, long Sequence, DelayedCall Call);
}
