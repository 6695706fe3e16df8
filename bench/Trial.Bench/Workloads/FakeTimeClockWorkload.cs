using System.Globalization;
using Microsoft.Extensions.Time.Testing;

namespace Trial.Bench.Workloads;

/// <summary>
/// W1's peer on .NET's FakeTimeProvider, measured the same way as <see cref="ClockWorkload"/> in the same
/// process: N timers at the same pseudo-random times in [0, 1000) s, every 10th disposed, then 1 s steps.
/// </summary>
internal static class FakeTimeClockWorkload
{
    public static int Run(string[] args)
    {
        int n = Measure.ParseSize(args, 10_000);
        long fired = 0;
        TimerCallback callback = _ => fired++;
        long expected = n - ((n + 9) / 10);
        var timers = new ITimer[n];

        void Workload()
        {
            fired = 0;
            var time = new FakeTimeProvider();
            uint x = 12345;
            for (int i = 0; i < n; i++)
            {
                x = ((x * 1103515245) + 12345) & 0x7FFFFFFF;
                timers[i] = time.CreateTimer(callback, null, TimeSpan.FromMilliseconds(x % 1000000), Timeout.InfiniteTimeSpan);
            }

            for (int i = 0; i < n; i += 10)
            {
                timers[i].Dispose();
            }

            var step = TimeSpan.FromSeconds(1);
            for (int s = 0; s < 1000; s++)
            {
                time.Advance(step);
            }

            if (fired != expected)
            {
                throw new InvalidOperationException($"fired {fired}, expected {expected}");
            }

            foreach (var timer in timers)
            {
                timer.Dispose();
            }
        }

        // FakeTimeProvider scans every timer on each step: a run at 100k takes seconds, so fewer of them.
        int runs = n >= 50_000 ? 3 : 9;
        double seconds = Measure.Median(warmups: 1, runs, Workload);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"faketime-clock timers {n} seconds {seconds:F4} rate {n / seconds:F0}/s"));
        return 0;
    }
}
