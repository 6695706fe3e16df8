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
/// the same process, for the ratio the targets are stated in. Trial, the reference providers and the clock
/// workload run in interleaved rounds (each line a median), so load from other processes on a shared machine falls
/// on all of them alike; FakeTimeProvider, thirty times slower, runs three times on its own (inside the rounds it
/// made the ratios far noisier). The last lines print the ratios the targets are stated in.
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
        int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15;
        var medians = Interleaved.Medians(
            3,
            rounds,
            () => RunOnClock(n, delays),
            () => RunOnFloor(n, delays),
            () => RunBare(() => RunOnFloor(n, delays)),
            () => RunUnordered(n, delays),
            ClockWorkload.Workload(n));
        double fake = Measure.Median(warmups: 0, runs: 3, () => RunOnFakeTimeProvider(n, delays));
        double trial = medians[0];
        Report("trial", n, awaits, trial);
        Report("faketime", n, awaits, fake);
        Report("floor", n, awaits, medians[1]);
        Report("bare-floor", n, awaits, medians[2]);
        Report("unordered", n, awaits, medians[3]);
        ClockWorkload.Report(n, medians[4]);
        double clock = n / medians[4];
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"ratios trial/clock {awaits / trial / clock:F3} floor/clock {awaits / medians[1] / clock:F3} bare-floor/clock {awaits / medians[2] / clock:F3}"));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"ratios trial/floor {medians[1] / trial:F3} trial/faketime {fake / trial:F1} floor/faketime {fake / medians[1]:F1} bare-floor/faketime {fake / medians[2]:F1}"));
        return 0;
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
    /// Runs <paramref name="workload"/> on a new thread whose flow carries no <see cref="AsyncLocal{T}"/> value. With
    /// any value in the flow (a clock's mark for escaped work, a runner's leak tracking, a logging scope),
    /// <c>Task.Delay</c> on a custom <see cref="TimeProvider"/> copies the execution context twice (it suppresses the
    /// flow around <c>CreateTimer</c>) and each resume switches contexts; this shows that cost alone.
    /// </summary>
    private static void RunBare(Action workload)
    {
        Thread thread;
        using (ExecutionContext.SuppressFlow())
        {
            thread = new Thread(() => workload());
            thread.Start();
        }

        thread.Join();
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
