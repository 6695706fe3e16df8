using System.Globalization;
using Trial.Time;

namespace Trial.Reactors;

/// <summary>
/// Knows whether work a loop started has escaped to the thread pool and is still queued or running, and waits
/// (bounded in real time) until it has finished or is blocked on virtual time.
/// </summary>
/// <remarks>
/// <para>
/// The thread that runs the loop carries a mark in its <see cref="ExecutionContext"/> (an
/// <see cref="AsyncLocal{T}"/>), and everything .NET sends to the thread pool from that flow (<c>Task.Run</c>,
/// continuations queued off the loop, <c>CancelAsync</c>) carries the context with it. One count holds every piece of
/// such work. An item counts from the moment it is queued: <see cref="PoolWatch"/> hears the pool's enqueue on the
/// queuing thread, before any worker can take it. When a worker takes it, the watch puts the worker in the item's
/// context before the item runs, and the mark's change notification counts the worker as a thread in the flow until
/// the pool resets the thread after the item. Each step adds the new count before it drops the old one, and one
/// integer holds them all, so a single read that sees zero is exact: nothing of the loop's is queued or running
/// (work that awaits virtual time is neither). Threads the loop's flow starts itself are not waited for.
/// </para>
/// <para>
/// The mark stays on the loop's thread after a run, so work the test starts between two advances is the loop's too.
/// A pool thread counts only when it enters the flow by a switch of context; the thread that marked itself (the
/// driver, or the test thread that made the clock and waits for another thread to drive it) does not.
/// </para>
/// </remarks>
internal sealed class EscapedWork
{
    private static readonly AsyncLocal<EscapedWork?> Flow = new(OnFlowChanged);

    /// <summary>The loop whose flow this pool thread entered by a switch of context, and is counted for.</summary>
    [ThreadStatic]
    private static EscapedWork? t_counted;

    private readonly ManualResetEventSlim _changed = new(false, spinCount: 0);
    private int _total;
    private int _threads;
    private ExecutionContext? _flowContext;
    private volatile bool _waiting;

    /// <summary>Gets the loop whose flow the calling thread runs in, if any.</summary>
    internal static EscapedWork? Current => Flow.Value;

    /// <summary>Gets a context carrying this loop's mark, for items queued from its flow with the flow suppressed.</summary>
    internal ExecutionContext? FlowContext => Volatile.Read(ref _flowContext);

    /// <summary>Gets or sets the source of real time for the bound.</summary>
    internal IWallClock WallClock { get; set; } = MonotonicWallClock.Instance;

    /// <summary>Gets or sets the real-time bound of one wait.</summary>
    internal TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets a value indicating whether nothing of this loop's is queued to or running on the pool (one read).</summary>
    internal bool IsQuiet
    {
        get
        {
            int total = Volatile.Read(ref _total);
            return (total == 0 || total - Self() <= 0) && (PoolWatch.IsLive || ThreadPool.PendingWorkItemCount == 0);
        }
    }

    private int OtherThreads => Volatile.Read(ref _threads) - Self();

    /// <summary>Marks the calling thread's flow as this loop's, and starts the pool watch; the mark stays.</summary>
    internal void Mark()
    {
        PoolWatch.EnsureStarted();
        if (Flow.Value != this)
        {
            Flow.Value = this;
        }

        _flowContext ??= ExecutionContext.Capture();
    }

    /// <summary>Wakes a waiting <see cref="Settle"/>: work was posted to the loop.</summary>
    internal void Signal()
    {
        if (_waiting)
        {
            _changed.Set();
        }
    }

    /// <summary>
    /// Runs <paramref name="drain"/> (the loop's ready work, which escaped work posts back) until nothing of this
    /// loop's is queued to or running on the pool and nothing is ready, waiting (bounded in real time) meanwhile.
    /// </summary>
    /// <param name="drain">Runs the loop's ready work; returns whether anything ran.</param>
    /// <param name="readyEmpty">Tells whether nothing is ready; read after the pool is seen quiet.</param>
    /// <param name="now">The loop's time, for the error message.</param>
    /// <returns><see langword="true"/> if anything ran or escaped work had to be waited for: the caller looks at its timers again.</returns>
    /// <exception cref="EscapedWorkException">Escaped work was still running after <see cref="Timeout"/>.</exception>
    internal bool Settle(Func<bool> drain, Func<bool> readyEmpty, Func<TimeSpan> now)
    {
        // The common case, before every call a virtual loop runs: one read of the count, then of the ready queue
        // (escaped work posts what it hands back before it stops counting).
        if (IsQuiet && readyEmpty())
        {
            return false;
        }

        bool acted = drain();
        if (IsQuiet && readyEmpty())
        {
            return acted;
        }

        long start = WallClock.ElapsedTicks;
        while (true)
        {
            acted |= drain();
            _waiting = true;
            _changed.Reset();
            try
            {
                // Escaped work posts what it hands back before it stops counting, so once the count is seen at
                // zero, an empty ready queue means nothing is left.
                if (IsQuiet)
                {
                    if (readyEmpty())
                    {
                        return true;
                    }

                    continue;
                }

                if (ForgetIfPoolIdle())
                {
                    continue;
                }

                if (WallClock.ElapsedTicks - start > Timeout.Ticks)
                {
                    throw new EscapedWorkException(Describe(now()));
                }

                // Woken when escaped work stops counting or posts to the loop; the short bound only lets the idle
                // check above run again.
                _changed.Wait(5);
            }
            finally
            {
                _waiting = false;
            }
        }
    }

    /// <summary>Counts an item queued from this loop's flow; under the watch's lock.</summary>
    internal void Queued() => Interlocked.Increment(ref _total);

    /// <summary>An item of this loop's was taken by a worker, which now counts as a thread in the flow.</summary>
    internal void Started() => Drop();

    /// <summary>Drops <paramref name="queued"/> forgotten queued items; under the watch's lock.</summary>
    internal void Forgotten(int queued)
    {
        Interlocked.Add(ref _total, -queued);
        Signal();
    }

    private static void OnFlowChanged(AsyncLocalValueChangedArgs<EscapedWork?> change)
    {
        if (!Thread.CurrentThread.IsThreadPoolThread)
        {
            return;
        }

        if (t_counted is { } counted && !ReferenceEquals(counted, change.CurrentValue))
        {
            t_counted = null;
            Interlocked.Decrement(ref counted._threads);
            if (change.ThreadContextChanged && change.CurrentValue is null && PoolWatch.StayInFlow(counted) is { } context)
            {
                // Counted again (this notification re-enters) before the leave is dropped: the count never dips.
                ExecutionContext.Restore(context);
            }

            counted.Drop();
        }

        // Only a switch of context counts a thread: one that sets the mark itself (Mark, on the thread that made
        // the clock) is the loop's driver or waits for it, not work that escaped.
        if (change.ThreadContextChanged && change.CurrentValue is { } entered && t_counted is null)
        {
            t_counted = entered;
            Interlocked.Increment(ref entered._threads);
            Interlocked.Increment(ref entered._total);
        }
    }

    /// <summary>Gets the thread-pool workers busy now, not counting the calling thread.</summary>
    private static int BusyWorkers()
    {
        ThreadPool.GetMaxThreads(out int max, out _);
        ThreadPool.GetAvailableThreads(out int available, out _);
        return max - available - (Thread.CurrentThread.IsThreadPoolThread ? 1 : 0);
    }

    private int Self() => ReferenceEquals(t_counted, this) ? 1 : 0;

    private void Drop()
    {
        Interlocked.Decrement(ref _total);
        Signal();
    }

    /// <summary>
    /// When no thread runs the flow and the whole pool is idle, an item still counted as queued has run without a
    /// worker taking it (a blocking wait ran it inline): it is forgotten.
    /// </summary>
    private bool ForgetIfPoolIdle() =>
        OtherThreads <= 0 && ThreadPool.PendingWorkItemCount == 0 && BusyWorkers() == 0 && PoolWatch.Forget(this) > 0;

    private string Describe(TimeSpan now) => string.Format(
        CultureInfo.InvariantCulture,
        "Work that escaped to the thread pool was still running after {0} of real time, with virtual time at {1}: "
        + "{2} thread(s) were running this loop's work and {3} of its item(s) were queued to the thread pool "
        + "({4} item(s) queued and {5} worker(s) busy in the whole process). "
        + "Virtual time moves only once escaped work has finished or awaits virtual time: work that blocks a thread "
        + "(.Wait(), .Result, a sleep) on virtual time never finishes, so await it instead.",
        Timeout,
        now,
        Math.Max(0, OtherThreads),
        PoolWatch.QueuedFor(this),
        ThreadPool.PendingWorkItemCount,
        BusyWorkers());
}
