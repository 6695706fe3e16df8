using System.Diagnostics;
using Trial.Fakes.Time;
using Trial.Runner.Sdk;

namespace Trial.Runner.Running;

/// <summary>
/// Runs asynchronous work on a virtual clock and moves time whenever nothing is ready: from event to event, until the
/// work completes, the virtual-time limit passes, or nothing is left that could complete it (stuck).
/// </summary>
internal static class TimeTravel
{
    /// <summary>Starts <paramref name="start"/> on the clock's context and drives the clock until the task it returns completes.</summary>
    /// <param name="clock">The clock.</param>
    /// <param name="start">Starts the work; runs on the clock.</param>
    /// <param name="limit">How much virtual time may pass.</param>
    /// <param name="wallDeadline">When, on <paramref name="wall"/>, waiting for escaped work must stop.</param>
    /// <param name="wall">The run's wall-time stopwatch.</param>
    /// <param name="what">Names the work in messages, such as "Tests.Echo.Replies (the test)".</param>
    /// <returns>The completed task.</returns>
    /// <exception cref="ReactorTestTimeoutException">The limit passed first.</exception>
    /// <exception cref="StuckTestException">Nothing could complete the task.</exception>
    internal static Task<T> Run<T>(Clock clock, Func<Task<T>> start, TimeSpan limit, TimeSpan wallDeadline, Stopwatch wall, string what)
    {
        Task<T>? task = null;
        var begin = clock.Now;
        var deadline = begin + limit;
        clock.SynchronizationContext.Post(_ => task = Start(start), null);
        while (true)
        {
            try
            {
                clock.RunUntil(() => task is { IsCompleted: true } || (task is not null && clock.PendingCallCount == 0), deadline - clock.Now);
            }
            catch (TimeoutException) when (task is { IsCompleted: false } && clock.Now >= deadline)
            {
                throw new ReactorTestTimeoutException(
                    $"{what} did not finish within {limit} of virtual time (it started at {begin}; the clock is now at {clock.Now}). " +
                    $"It waits on:{AwaitChain.Describe(task, out _)}{Environment.NewLine}" +
                    "If it needs more time, raise the limit: [ReactorFact(VirtualTimeout = seconds)].");
            }

            if (task!.IsCompleted)
            {
                return task;
            }

            // Work posted from other threads (escaped continuations coming home) runs before anything is judged stuck.
            clock.Advance(TimeSpan.Zero);
            if (task.IsCompleted || clock.PendingCallCount > 0)
            {
                continue;
            }

            string chain = AwaitChain.Describe(task, out var escaped);
            if (escaped is not null)
            {
                if (WaitForEscaped(clock, task, escaped, wallDeadline - wall.Elapsed))
                {
                    continue;
                }

                throw new StuckTestException(
                    $"{what} is stuck at virtual time {clock.Now}: it waits on work that escaped to the thread pool and did not come back within the wall-time limit. It waits on:{chain}");
            }

            throw new StuckTestException(
                $"{what} is stuck at virtual time {clock.Now}: nothing is ready and no delayed call is pending, so nothing can complete what it waits on. " +
                $"No work escaped to the thread pool in its await chain. It waits on:{chain}{Environment.NewLine}" +
                "Make something complete it (a reply, a timer, a TaskCompletionSource), or put a timeout on the wait, as WaitAsync(timeout, Reactor.TimeProvider).");
        }
    }

    /// <summary>
    /// Waits (in wall time, bounded) for escaped work to finish and for its continuation to come back to the clock:
    /// until the task completes, a delayed call is scheduled, or the task waits on something else.
    /// </summary>
    /// <returns>Whether it made progress.</returns>
    private static bool WaitForEscaped(Clock clock, Task task, Task escaped, TimeSpan left)
    {
        if (left <= TimeSpan.Zero || !((IAsyncResult)escaped).AsyncWaitHandle.WaitOne(left))
        {
            return false;
        }

        var waited = Stopwatch.StartNew();
        var spinner = default(SpinWait);
        while (waited.Elapsed < left)
        {
            clock.Advance(TimeSpan.Zero);
            if (task.IsCompleted || clock.PendingCallCount > 0 || !ReferenceEquals(AwaitChain.Leaf(task), escaped))
            {
                return true;
            }

            spinner.SpinOnce(sleep1Threshold: 10);
        }

        return false;
    }

    private static Task<T> Start<T>(Func<Task<T>> start)
    {
        try
        {
            return start();
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
    }
}
