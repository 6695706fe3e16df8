using System.Globalization;
using Trial.Fakes.IOSim;
using Trial.Framing;

namespace Trial.Bench.Workloads;

/// <summary>
/// W2b, the same workload as bench/peers/twisted_iosim.py's lines: a <see cref="LineReceiver"/> echo server and a
/// counting line client joined by an <see cref="IOPump"/>; the client sends N 16-byte lines, flushing every 100, then
/// pumps until every line has come back.
/// </summary>
internal static class IOSimLinesWorkload
{
    public static int Run(string[] args)
    {
        int n = Measure.ParseSize(args, 100_000);
        byte[] line = "0123456789abcdef"u8.ToArray();

        void Workload()
        {
            var (client, _, pump) = IOPump.ConnectedServerAndClient(new LineEcho(), new LineCount());
            for (int i = 0; i < n; i++)
            {
                client.SendLine(line);
                if (i % 100 == 99)
                {
                    pump.Flush();
                }
            }

            while (client.Count < n)
            {
                pump.Pump();
            }

            if (client.Count != n)
            {
                throw new InvalidOperationException($"received {client.Count} lines, expected {n}");
            }
        }

        double seconds = Measure.Median(warmups: 3, runs: 9, Workload);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trial-iosim-lines lines {n} seconds {seconds:F4} rate {n / seconds:F0}/s"));
        return 0;
    }

    private sealed class LineEcho : LineReceiver
    {
        protected override void LineReceived(ReadOnlySpan<byte> line) => SendLine(line);
    }

    private sealed class LineCount : LineReceiver
    {
        public int Count { get; private set; }

        protected override void LineReceived(ReadOnlySpan<byte> line) => Count++;
    }
}
