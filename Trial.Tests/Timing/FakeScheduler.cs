using Trial.Time;

namespace Trial.Tests.Timing;

/// <summary>A scheduler a test pumps by hand, as in Twisted's test_cooperator.</summary>
internal sealed class FakeScheduler
{
    private List<FakeCall> _work = [];

    public int Count => _work.Count;

    public IReadOnlyList<FakeCall> Work => _work;

    public IDelayedCall Schedule(Action action)
    {
        var call = new FakeCall(action);
        _work.Add(call);
        return call;
    }

    /// <summary>Runs all the work scheduled so far that was not cancelled.</summary>
    public void Pump()
    {
        var work = _work;
        _work = [];
        foreach (var call in work)
        {
            if (!call.Cancelled)
            {
                call.Run();
            }
        }
    }

    internal sealed class FakeCall(Action action) : IDelayedCall
    {
        public TimeSpan Time => TimeSpan.Zero;

        public bool Active => !Called && !Cancelled;

        public bool Called { get; private set; }

        public bool Cancelled { get; private set; }

        public void Cancel() => Cancelled = true;

        public void Reset(TimeSpan delay) => throw new NotSupportedException();

        public void Delay(TimeSpan extra) => throw new NotSupportedException();

        public void Run()
        {
            Called = true;
            action();
        }
    }
}
