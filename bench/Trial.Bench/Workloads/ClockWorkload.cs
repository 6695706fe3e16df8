using System.Globalization;
using Trial.Fakes.Time;
using Trial.Time;

namespace Trial.Bench.Workloads;

/// <summary>
/// W1, the same workload as bench/peers/twisted_clock.py: N timers at pseudo-random virtual times in
/// [0, 1000) s (millisecond resolution, same generator), every 10th cancelled, then 1 s steps to 1000 s.
/// </summary>
internal static class ClockWorkload
{
    public static int Run(string[] args)
    {
        int n = Measure.ParseSize(args, 10_000);
        int runs = n >= 1_000_000 ? 5 : 9;
        double seconds = Measure.Median(warmups: 3, runs, Workload(n));
        Report(n, seconds);
        return 0;
    }

    /// <summary>Prints the workload's line, which bench/peers/compare.sh reads.</summary>
    internal static void Report(int n, double seconds) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trial-clock timers {n} seconds {seconds:F4} rate {n / seconds:F0}/s"));

    /// <summary>Returns one run of the workload at size <paramref name="n"/>, which checks its own result.</summary>
    internal static Action Workload(int n)
    {
        long fired = 0;
        Action callback = () => fired++;
        long expected = n - ((n + 9) / 10);
        var calls = new IDelayedCall[n];
        return () =>
        {
            fired = 0;
            var clock = new Clock();
            uint x = 12345;
            for (int i = 0; i < n; i++)
            {
                x = ((x * 1103515245) + 12345) & 0x7FFFFFFF;
                calls[i] = clock.CallLater(TimeSpan.FromMilliseconds(x % 1000000), callback);
            }

            for (int i = 0; i < n; i += 10)
            {
                calls[i].Cancel();
            }

            var step = TimeSpan.FromSeconds(1);
            for (int s = 0; s < 1000; s++)
            {
                clock.Advance(step);
            }

            if (fired != expected)
            {
                throw new InvalidOperationException($"fired {fired}, expected {expected}");
            }
        };
    }
}
