using System.Globalization;

namespace Trial.Bench.Workloads;

/// <summary>
/// W3b, as bench/peers/twisted_tcp.py: 20,000 (or SIZE) round trips of one 16-byte line over loopback, on
/// Trial's reactor (client and server on one reactor, like the Twisted peer; and, for comparison, on two
/// reactors), then on the two plain baselines. The variants run in interleaved rounds; each line is a median.
/// </summary>
internal static class TcpPingPongWorkload
{
    public static int Run(string[] args)
    {
        int roundTrips = Measure.ParseSize(args, 20_000);
        int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 9;
        using var one = new TrialTcp(separateReactors: false);
        using var two = new TrialTcp(separateReactors: true);
        int onePort = one.Listen(() => new TrialTcp.LineEcho());
        int twoPort = two.Listen(() => new TrialTcp.LineEcho());
        var medians = Interleaved.Medians(
            2,
            rounds,
            () => Trial(one, onePort, roundTrips),
            () => Trial(two, twoPort, roundTrips),
            () => Baselines.BlockingPingPong(roundTrips),
            () => Baselines.AsyncPingPong(roundTrips));
        Report("trial-tcp-pingpong", roundTrips, medians[0]);
        Report("trial-tworeactors-tcp-pingpong", roundTrips, medians[1]);
        Report("baseline-tcp-pingpong", roundTrips, medians[2]);
        Report("async-tcp-pingpong", roundTrips, medians[3]);
        return 0;
    }

    private static void Trial(TrialTcp tcp, int port, int roundTrips)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        tcp.Connect(port, () => new TrialTcp.PingClient(roundTrips, done));
        TrialTcp.Wait(done.Task);
    }

    private static void Report(string name, int roundTrips, double seconds) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} roundtrips {roundTrips} seconds {seconds:F4} rate {roundTrips / seconds:F0}/s"));
}
