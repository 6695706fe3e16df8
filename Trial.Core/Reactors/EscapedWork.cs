using System.Globalization;
using Trial.Time;

namespace Trial.Reactors;

/// <summary>
/// Knows whether work a loop started has escaped to the thread pool and is still running, and waits (bounded in
/// real time) until it has finished or is blocked on virtual time.
/// </summary>
/// <remarks>
/// <para>
/// The thread that runs the loop carries a marker in its <see cref="ExecutionContext"/> (an
/// <see cref="AsyncLocal{T}"/>), and everything .NET sends to the thread pool from that flow (<c>Task.Run</c>,
/// continuations queued off the loop, timers) carries the context with it. The marker's change notifications
/// count the thread-pool threads running with it at this moment: a pool thread counts while it runs such work,
/// not while that work waits on an <c>await</c>. (Threads the test starts itself are not counted: they are not
/// the pool's.) The mark stays on the loop's thread after a run, so work the test starts between two advances
/// is the loop's too; setting it once keeps each step cheap.
/// </para>
/// <para>
/// Quiet means: no pool thread runs the loop's flow, no item is queued and no pool worker is busy; a worker that
/// has taken an item but not yet entered its context is busy, so then one sample is certain. When some worker is
/// busy (another test's, perhaps) but the queues are empty and no pool thread runs the loop's flow, quiet must
/// hold over a few samples and <see cref="StableTicks"/> of real time.
/// </para>
/// </remarks>
internal sealed class EscapedWork
{
    /// <summary>How long quiet must hold, when some pool worker is busy, before it counts: 50 microseconds.</summary>
    internal const long StableTicks = 500;

    private static readonly AsyncLocal<EscapedWork?> Flow = new(OnFlowChanged);

    private int _threads;

    /// <summary>Gets or sets the source of real time for the bound.</summary>
    internal IWallClock WallClock { get; set; } = MonotonicWallClock.Instance;

    /// <summary>Gets or sets the real-time bound of one wait.</summary>
    internal TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets the number of thread-pool threads other than the calling one that run with this loop's flow now.</summary>
    internal int OtherThreads => Volatile.Read(ref _threads) - (Thread.CurrentThread.IsThreadPoolThread && Flow.Value == this ? 1 : 0);

    /// <summary>Marks the calling thread's flow as this loop's; it stays marked.</summary>
    internal void Mark()
    {
        if (Flow.Value != this)
        {
            Flow.Value = this;
        }
    }

    /// <summary>
    /// Returns at once when nothing escaped; otherwise runs <paramref name="drain"/> (the loop's ready work, which
    /// escaped work posts back) and waits until the pool is quiet and nothing is ready.
    /// </summary>
    /// <param name="drain">Runs the loop's ready work; returns whether anything ran.</param>
    /// <param name="now">The loop's time, for the error message.</param>
    /// <returns><see langword="true"/> if anything ran or escaped work had to be waited for: the caller looks at its timers again.</returns>
    /// <exception cref="EscapedWorkException">Escaped work was still running after <see cref="Timeout"/>.</exception>
    internal bool Settle(Func<bool> drain, Func<TimeSpan> now)
    {
        bool acted = drain();
        if (IsCertainlyQuiet())
        {
            return acted;
        }

        long start = WallClock.ElapsedTicks;
        long quietSince = -1;
        int quietSamples = 0;
        var spinner = default(SpinWait);
        while (true)
        {
            if (drain())
            {
                acted = true;
                quietSince = -1;
                quietSamples = 0;
                continue;
            }

            long wall = WallClock.ElapsedTicks;
            if (IsCertainlyQuiet())
            {
                return acted;
            }

            if (IsQuiet())
            {

                if (quietSince < 0)
                {
                    quietSince = wall;
                }
                else if (++quietSamples >= 3 && wall - quietSince >= StableTicks)
                {
                    return acted;
                }
            }
            else
            {
                // Escaped work is running: whatever it schedules, the caller must see.
                acted = true;
                quietSince = -1;
                quietSamples = 0;
            }

            if (wall - start > Timeout.Ticks)
            {
                throw new EscapedWorkException(Describe(now()));
            }

            // Never a 1 ms sleep: a step that waits on unrelated busy workers costs the stable interval, not a tick.
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    private static void OnFlowChanged(AsyncLocalValueChangedArgs<EscapedWork?> change)
    {
        if (ReferenceEquals(change.PreviousValue, change.CurrentValue) || !Thread.CurrentThread.IsThreadPoolThread)
        {
            return;
        }

        if (change.PreviousValue is { } left)
        {
            Interlocked.Decrement(ref left._threads);
        }

        if (change.CurrentValue is { } entered)
        {
            Interlocked.Increment(ref entered._threads);
        }
    }

    /// <summary>Gets the thread-pool workers busy now, not counting the calling thread.</summary>
    private static int BusyWorkers()
    {
        ThreadPool.GetMaxThreads(out int max, out _);
        ThreadPool.GetAvailableThreads(out int available, out _);
        return max - available - (Thread.CurrentThread.IsThreadPoolThread ? 1 : 0);
    }

    private bool IsQuiet() => OtherThreads <= 0 && ThreadPool.PendingWorkItemCount == 0;

    // An item queued from the loop's own (non-pool) thread can sit in the pool's queue before any worker counts as
    // busy, so the queue length is part of the quick answer too; it is read last because it is the dear one.
    internal bool IsCertainlyQuiet() => OtherThreads <= 0 && BusyWorkers() == 0 && ThreadPool.PendingWorkItemCount == 0;

    private string Describe(TimeSpan now) => string.Format(
        CultureInfo.InvariantCulture,
        "Work that escaped to the thread pool was still running after {0} of real time, with virtual time at {1}: "
        + "{2} thread(s) were running this loop's work, {3} item(s) were queued to the thread pool and {4} pool worker(s) were busy. "
        + "Virtual time moves only once escaped work has finished or awaits virtual time: work that blocks a thread "
        + "(.Wait(), .Result, a sleep) on virtual time never finishes, so await it instead. Queued items and busy workers "
        + "count across the whole process, so another test's thread-pool work in the same process can also keep the pool from going quiet.",
        Timeout,
        now,
        Math.Max(0, OtherThreads),
        ThreadPool.PendingWorkItemCount,
        BusyWorkers());
}
