namespace Trial.Bench.Workloads;

/// <summary>
/// A reference for the async workloads, not a clock: timers fire in the order they were created and time never
/// moves, so what remains is the cost of <c>Task.Delay</c> and <c>await</c> themselves.
/// </summary>
internal sealed class UnorderedTimeProvider : TimeProvider
{
    private readonly Queue<(TimerCallback Callback, object? State)> _due = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _due.Enqueue((callback, state));
        return NoTimer.Instance;
    }

    /// <summary>Runs the oldest timer's callback.</summary>
    /// <returns><see langword="false"/> when none is left.</returns>
    public bool FireNext()
    {
        if (!_due.TryDequeue(out var next))
        {
            return false;
        }

        next.Callback(next.State);
        return true;
    }

    private sealed class NoTimer : ITimer
    {
        internal static readonly NoTimer Instance = new();

        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
