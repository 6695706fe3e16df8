using System.Globalization;

namespace Trial.Bench.Workloads;

/// <summary>
/// W3b, as ../shared/peers/twisted_tcp.py: 20,000 (or SIZE) round trips of one 16-byte line over loopback, on
/// Trial's reactor (client and server on one reactor, like the Twisted peer), then on the two plain baselines.
/// </summary>
internal static class TcpPingPongWorkload
{
    public static int Run(string[] args)
    {
        int roundTrips = Measure.ParseSize(args, 20_000);
        using (var tcp = new TrialTcp(separateReactors: false))
        {
            int port = tcp.Listen(() => new TrialTcp.LineEcho());
            Report("trial-tcp-pingpong", roundTrips, Measure.Median(2, 5, () =>
            {
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                tcp.Connect(port, () => new TrialTcp.PingClient(roundTrips, done));
                TrialTcp.Wait(done.Task);
            }));
        }

        using (var tcp = new TrialTcp(separateReactors: true))
        {
            int port = tcp.Listen(() => new TrialTcp.LineEcho());
            Report("trial-tworeactors-tcp-pingpong", roundTrips, Measure.Median(2, 5, () =>
            {
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                tcp.Connect(port, () => new TrialTcp.PingClient(roundTrips, done));
                TrialTcp.Wait(done.Task);
            }));
        }

        Report("baseline-tcp-pingpong", roundTrips, Measure.Median(2, 5, () => Baselines.BlockingPingPong(roundTrips)));
        Report("async-tcp-pingpong", roundTrips, Measure.Median(2, 5, () => Baselines.AsyncPingPong(roundTrips)));
        return 0;
    }

    private static void Report(string name, int roundTrips, double seconds) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} roundtrips {roundTrips} seconds {seconds:F4} rate {roundTrips / seconds:F0}/s"));
}
