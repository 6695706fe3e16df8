using System.Globalization;

namespace Trial.Bench.Workloads;

/// <summary>
/// W3a, as bench/peers/twisted_tcp.py: echo 256 MiB (or SIZE MiB) in 64 KiB writes over loopback, on Trial's
/// reactor (client and server each on a reactor of its own, one core each: the trial-tcp-stream line; and, for
/// comparison, both on one reactor as in the Twisted peer), then on the two plain baselines. The variants run
/// in interleaved rounds; each line is a median.
/// </summary>
internal static class TcpStreamWorkload
{
    public static int Run(string[] args)
    {
        long total = (long)Measure.ParseSize(args, 256) << 20;
        int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 9;
        using var one = new TrialTcp(separateReactors: false);
        using var two = new TrialTcp(separateReactors: true);
        int onePort = one.Listen(() => new TrialTcp.Echo());
        int twoPort = two.Listen(() => new TrialTcp.Echo());
        var medians = Interleaved.Medians(
            2,
            rounds,
            () => Trial(one, onePort, total),
            () => Trial(two, twoPort, total),
            () => Baselines.BlockingStream(total),
            () => Baselines.AsyncStream(total));
        Report("trial-onereactor-tcp-stream", total, medians[0]);
        Report("trial-tcp-stream", total, medians[1]);
        Report("baseline-tcp-stream", total, medians[2]);
        Report("async-tcp-stream", total, medians[3]);
        return 0;
    }

    private static void Trial(TrialTcp tcp, int port, long total)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        tcp.Connect(port, () => new TrialTcp.StreamClient(total, done));
        TrialTcp.Wait(done.Task);
    }

    private static void Report(string name, long total, double seconds) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} bytes {total} seconds {seconds:F4} MBps {total / seconds / 1e6:F1}"));
}
