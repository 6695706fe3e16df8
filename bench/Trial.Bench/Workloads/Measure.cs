using System.Diagnostics;

namespace Trial.Bench.Workloads;

/// <summary>Runs a workload a few times after a warm-up and reports the median duration.</summary>
internal static class Measure
{
    /// <summary>
    /// Returns the median wall time in seconds of <paramref name="runs"/> timed runs, after at least
    /// <paramref name="warmups"/> untimed ones and at least a second of warm-up, so tiered JIT has finished.
    /// </summary>
    public static double Median(int warmups, int runs, Action workload)
    {
        long warmStart = Stopwatch.GetTimestamp();
        for (int i = 0; i < warmups || Stopwatch.GetElapsedTime(warmStart).TotalSeconds < 1; i++)
        {
            workload();
        }

        var seconds = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            long start = Stopwatch.GetTimestamp();
            workload();
            seconds[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }

        Array.Sort(seconds);
        return seconds[runs / 2];
    }

    public static int ParseSize(string[] args, int fallback) =>
        args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : fallback;
}
