using Trial.Time;

namespace Trial.Fakes.Proxy;

/// <summary>
/// A stage that passes each chunk (and the close) on at a due time of its choosing, in the order they came,
/// with one reactor timer for the head of its queue. A due time of <see cref="long.MaxValue"/> means "hold".
/// </summary>
internal abstract class ScheduledStage(ToxicLink link) : ToxicStage(link)
{
    private readonly Queue<(byte[]? Data, long Due)> _items = new();
    private readonly List<IDelayedCall> _timers = [];
    private IDelayedCall? _next;

    /// <summary>Gets the latest due time given so far, so later items never overtake earlier ones.</summary>
    protected long LastDue { get; private set; }

    public override void Drain()
    {
        CancelTimers();
        while (_items.TryDequeue(out var item) && !Link.Closed)
        {
            Pass(item.Data);
        }
    }

    public override void Dispose()
    {
        CancelTimers();
        while (_items.TryDequeue(out var item))
        {
            if (item.Data is { } data)
            {
                Link.Release(data.Length);
            }
        }
    }

    protected void Enqueue(byte[] data, long due)
    {
        _items.Enqueue((data, due));
        Link.Hold(data.Length);
        Remember(due);
        Arm();
    }

    protected void EnqueueClose(long due)
    {
        _items.Enqueue((null, due));
        Remember(due);
        Arm();
    }

    /// <summary>Runs <paramref name="action"/> after <paramref name="delay"/>, unless the stage is drained or disposed first.</summary>
    protected void AddTimer(TimeSpan delay, Action action) => _timers.Add(Link.Reactor.CallLater(delay, action));

    private void Remember(long due)
    {
        if (due != long.MaxValue)
        {
            LastDue = Math.Max(LastDue, due);
        }
    }

    private void Arm()
    {
        if (_next is { Active: true } || !_items.TryPeek(out var head) || head.Due == long.MaxValue)
        {
            return;
        }

        _next = Link.Reactor.CallLater(TimeSpan.FromTicks(Math.Max(0, head.Due - Link.Now)), Fire);
    }

    private void Fire()
    {
        _next = null;
        long now = Link.Now;
        while (_items.TryPeek(out var head) && head.Due <= now)
        {
            _items.Dequeue();
            Pass(head.Data);
            if (Link.Closed)
            {
                return;
            }
        }

        Arm();
    }

    private void Pass(byte[]? data)
    {
        if (data is null)
        {
            Link.EmitClose(this);
            return;
        }

        Link.Release(data.Length);
        Link.Emit(this, data);
    }

    private void CancelTimers()
    {
        if (_next is { Active: true } next)
        {
            next.Cancel();
        }

        _next = null;
        foreach (var timer in _timers)
        {
            if (timer.Active)
            {
                timer.Cancel();
            }
        }

        _timers.Clear();
    }
}
