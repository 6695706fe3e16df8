using System.Globalization;

namespace Trial.Bench.Workloads;

/// <summary>
/// W3a, as ../shared/peers/twisted_tcp.py: echo 256 MiB (or SIZE MiB) in 64 KiB writes over loopback, on Trial's
/// reactor (server and client each on a reactor of its own, one core each), then on the two plain baselines.
/// </summary>
internal static class TcpStreamWorkload
{
    public static int Run(string[] args)
    {
        long total = (long)Measure.ParseSize(args, 256) << 20;
        using (var tcp = new TrialTcp(separateReactors: true))
        {
            int port = tcp.Listen(() => new TrialTcp.Echo());
            Report("trial-tcp-stream", total, Measure.Median(3, 5, () =>
            {
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                tcp.Connect(port, () => new TrialTcp.StreamClient(total, done));
                TrialTcp.Wait(done.Task);
            }));
        }

        using (var tcp = new TrialTcp(separateReactors: false))
        {
            int port = tcp.Listen(() => new TrialTcp.Echo());
            Report("trial-onereactor-tcp-stream", total, Measure.Median(3, 5, () =>
            {
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                tcp.Connect(port, () => new TrialTcp.StreamClient(total, done));
                TrialTcp.Wait(done.Task);
            }));
        }

        Report("baseline-tcp-stream", total, Measure.Median(3, 5, () => Baselines.BlockingStream(total)));
        Report("async-tcp-stream", total, Measure.Median(3, 5, () => Baselines.AsyncStream(total)));
        return 0;
    }

    private static void Report(string name, long total, double seconds) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} bytes {total} seconds {seconds:F4} MBps {total / seconds / 1e6:F1}"));
}
