using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Trial.Fakes.Time;

namespace Trial.Bench.Workloads;

/// <summary>
/// N async loops, each awaiting <c>Task.Delay(d, timeProvider).ConfigureAwait(false)</c> ten times, d seeded in
/// [0, 1000) s (millisecond resolution, the clock workload's generator). Trial's clock runs them event to event
/// (<see cref="Clock.RunUntil(Func{Task}, TimeSpan)"/>, the path tests use, including its check for escaped work
/// before each move of time); FakeTimeProvider, which has no next-event jump, is advanced in 1 s steps until
/// every loop is done. Both count the same N x 10 awaits. Trial's own <c>clock</c> workload at the same N runs in
/// the same process, for the ratio the targets are stated in.
/// </summary>
internal static class AsyncTimersWorkload
{
    private const int AwaitsPerTask = 10;

    public static int Run(string[] args)
    {
        int n = Measure.ParseSize(args, 10_000);
        var delays = new TimeSpan[n * AwaitsPerTask];
        uint x = 12345;
        for (int i = 0; i < delays.Length; i++)
        {
            x = ((x * 1103515245) + 12345) & 0x7FFFFFFF;
            delays[i] = TimeSpan.FromMilliseconds(x % 1000000);
        }

        long awaits = (long)n * AwaitsPerTask;
        double trial = Measure.Median(warmups: 3, runs: 7, () => RunOnClock(n, delays));
        Report("trial", n, awaits, trial);
        double fake = Measure.Median(warmups: 0, runs: 3, () => RunOnFakeTimeProvider(n, delays));
        Report("faketime", n, awaits, fake);
        double floor = Measure.Median(warmups: 3, runs: 7, () => RunOnFloor(n, delays));
        Report("floor", n, awaits, floor);
        double unordered = Measure.Median(warmups: 3, runs: 7, () => RunUnordered(n, delays));
        Report("unordered", n, awaits, unordered);
        return ClockWorkload.Run([n.ToString(CultureInfo.InvariantCulture)]);
    }

    private static void Report(string who, int n, long awaits, double seconds) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{who}-async-timers tasks {n} awaits {awaits} seconds {seconds:F4} rate {awaits / seconds:F0}/s"));

    private static async Task Loop(TimeProvider time, TimeSpan[] delays, int task)
    {
        for (int k = 0; k < AwaitsPerTask; k++)
        {
            await Task.Delay(delays[(task * AwaitsPerTask) + k], time).ConfigureAwait(false);
        }
    }

    private static void RunOnClock(int n, TimeSpan[] delays)
    {
        var clock = new Clock();
        var all = clock.RunUntil(
            () =>
            {
                var tasks = new Task[n];
                for (int i = 0; i < n; i++)
                {
                    tasks[i] = Loop(clock.TimeProvider, delays, i);
                }

                return Task.WhenAll(tasks);
            },
            TimeSpan.FromDays(1));
        Check(all);
    }

    private static void RunOnFakeTimeProvider(int n, TimeSpan[] delays)
    {
        var time = new FakeTimeProvider();
        var tasks = new Task[n];
        for (int i = 0; i < n; i++)
        {
            tasks[i] = Loop(time, delays, i);
        }

        var all = Task.WhenAll(tasks);
        var step = TimeSpan.FromSeconds(1);
        for (int s = 0; !all.IsCompleted; s++)
        {
            if (s > AwaitsPerTask * 1001 + 10)
            {
                throw new InvalidOperationException("FakeTimeProvider did not finish the loops.");
            }

            time.Advance(step);
        }

        Check(all);
    }

    /// <summary>
    /// The same loops on <see cref="FloorTimeProvider"/>: what .NET's own <c>Task.Delay</c> and <c>await</c> cost with
    /// timers that cost next to nothing, the ceiling any virtual clock can reach on this workload.
    /// </summary>
    private static void RunOnFloor(int n, TimeSpan[] delays)
    {
        var time = new FloorTimeProvider();
        RunDrained(time, time.FireNext, n, delays);
    }

    /// <summary>
    /// The same loops with no timer at all: each <c>Task.Delay</c>'s callback runs in the order it was made, time
    /// never moves. Not a clock (it ignores due times); it shows what <c>Task.Delay</c>, <c>await</c> and the
    /// execution context cost alone, with memory touched in the order it was allocated.
    /// </summary>
    private static void RunUnordered(int n, TimeSpan[] delays)
    {
        var time = new UnorderedTimeProvider();
        RunDrained(time, time.FireNext, n, delays);
    }

    /// <summary>Starts the loops on <paramref name="time"/>, then fires its timers one by one until none is left.</summary>
    private static void RunDrained(TimeProvider time, Func<bool> fireNext, int n, TimeSpan[] delays)
    {
        var tasks = new Task[n];
        for (int i = 0; i < n; i++)
        {
            tasks[i] = Loop(time, delays, i);
        }

        var all = Task.WhenAll(tasks);
        while (fireNext())
        {
        }

        Check(all);
    }

    private static void Check(Task all)
    {
        if (!all.IsCompletedSuccessfully)
        {
            throw new InvalidOperationException($"The loops did not all finish: {all.Status}.");
        }
    }
}
