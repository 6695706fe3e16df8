namespace Trial.Fakes.Simulation;

/// <summary>A host's live delayed calls: add and remove in O(1), in a stable order for snapshots and crashes.</summary>
internal sealed class HostCallList
{
    private readonly List<HostCall> _calls = [];

    internal int Count => _calls.Count;

    internal void Add(HostCall call)
    {
        call.Slot = _calls.Count;
        _calls.Add(call);
    }

    internal void Remove(HostCall call)
    {
        int slot = call.Slot;
        if (slot < 0)
        {
            return;
        }

        var last = _calls[^1];
        _calls[slot] = last;
        last.Slot = slot;
        _calls.RemoveAt(_calls.Count - 1);
        call.Slot = -1;
    }

    /// <summary>Returns the live calls ordered by due time (then scheduling order).</summary>
    internal List<HostCall> Snapshot()
    {
        var calls = new List<HostCall>(_calls);
        calls.Sort(static (a, b) => a.Time.CompareTo(b.Time));
        return calls;
    }

    /// <summary>Cancels every call (a crash).</summary>
    internal void KillAll()
    {
        foreach (var call in _calls)
        {
            call.Kill();
        }

        _calls.Clear();
    }
}
