using Trial.Fakes.Simulation;
using Trial.Runner.Sdk;

namespace Trial.Runner.Running;

/// <summary>
/// Runs asynchronous work on a virtual clock and moves time whenever nothing is ready: from event to event, until the
/// work completes, the virtual-time limit passes, or nothing is left that could complete it (stuck).
/// </summary>
internal static class TimeTravel
{
    /// <summary>Starts <paramref name="start"/> on the network's loop and runs the network until the task it returns completes.</summary>
    /// <param name="network">The network, whose clock is the test's.</param>
    /// <param name="start">Starts the work; runs on the clock. An async method, so its failures are in its task, never thrown.</param>
    /// <param name="limit">How much virtual time may pass.</param>
    /// <param name="what">Names the work in messages, such as "Tests.Echo.Replies (the test)".</param>
    /// <returns>The completed task.</returns>
    /// <exception cref="ReactorTestTimeoutException">The limit passed first.</exception>
    /// <exception cref="StuckTestException">Nothing could complete the task.</exception>
    internal static Task<T> Run<T>(SimulatedNetwork network, Func<Task<T>> start, TimeSpan limit, string what)
    {
        var clock = network.Clock;
        Task<T>? task = null;
        var begin = clock.Now;
        var deadline = begin + limit;
        clock.SynchronizationContext.Post(_ => task = start(), null);
        while (true)
        {
            try
            {
                network.RunUntil(() => task is { IsCompleted: true } || (task is not null && clock.PendingCallCount == 0), deadline - clock.Now);
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

            // Before judging it stuck, let escaped work (Task.Run, continuations sent to the thread pool) finish or block,
            // and run what it posts back: the clock waits for it before it moves, even by zero.
            network.RunFor(TimeSpan.Zero);
            if (task.IsCompleted || clock.PendingCallCount > 0)
            {
                continue;
            }

            string chain = AwaitChain.Describe(task, out var escaped);
            if (escaped is not null)
            {
                throw new StuckTestException(
                    $"{what} is stuck at virtual time {clock.Now}: it waits on work that escaped to another thread (the thread pool, or a thread of its own) and is blocked there, and no delayed call is pending. It waits on:{chain}");
            }

            throw new StuckTestException(
                $"{what} is stuck at virtual time {clock.Now}: nothing is ready and no delayed call is pending, so nothing can complete what it waits on. " +
                $"No work that escaped to the thread pool is still running. It waits on:{chain}{Environment.NewLine}" +
                "Make something complete it (a reply, a timer, a TaskCompletionSource), or put a timeout on the wait, as WaitAsync(timeout, Reactor.TimeProvider).");
        }
    }
}
