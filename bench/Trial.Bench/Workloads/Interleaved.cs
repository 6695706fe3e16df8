using System.Diagnostics;

namespace Trial.Bench.Workloads;

/// <summary>
/// Times several variants of a workload in interleaved rounds (A, B, C, A, B, C, ...) and reports each one's
/// median, so load from other processes on a shared machine falls on every variant alike.
/// </summary>
internal static class Interleaved
{
    public static double[] Medians(int warmupRounds, int rounds, params Action[] variants)
    {
        for (int w = 0; w < warmupRounds; w++)
        {
            foreach (var variant in variants)
            {
                variant();
            }
        }

        var seconds = new double[variants.Length][];
        for (int v = 0; v < variants.Length; v++)
        {
            seconds[v] = new double[rounds];
        }

        for (int r = 0; r < rounds; r++)
        {
            for (int v = 0; v < variants.Length; v++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                long start = Stopwatch.GetTimestamp();
                variants[v]();
                seconds[v][r] = Stopwatch.GetElapsedTime(start).TotalSeconds;
            }
        }

        return seconds.Select(s =>
        {
            Array.Sort(s);
            return s[rounds / 2];
        }).ToArray();
    }
}
