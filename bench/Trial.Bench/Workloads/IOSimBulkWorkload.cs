using System.Globalization;
using Trial.Fakes.IOSim;
using Trial.Protocols;

namespace Trial.Bench.Workloads;

/// <summary>
/// W2a, the same workload as bench/peers/twisted_iosim.py's bulk: an echo server and a counting client joined
/// by an <see cref="IOPump"/>; the client writes TOTAL bytes in 64 KiB writes, flushing every 16 writes, then
/// pumps until every byte has come back.
/// </summary>
internal static class IOSimBulkWorkload
{
    private const int Chunk = 64 * 1024;

    public static int Run(string[] args)
    {
        int total = Measure.ParseSize(args, 16 << 20);
        var payload = new byte[Chunk];
        Array.Fill(payload, (byte)'x');

        void Workload()
        {
            var (client, _, pump) = IOPump.ConnectedServerAndClient(new Echo(), new Sink());
            var transport = client.Transport!;
            for (int sent = Chunk; sent <= total; sent += Chunk)
            {
                transport.Write(payload);
                if (sent % (Chunk * 16) == 0)
                {
                    pump.Flush();
                }
            }

            while (client.Received < total)
            {
                pump.Pump();
            }

            if (client.Received != total)
            {
                throw new InvalidOperationException($"received {client.Received}, expected {total}");
            }
        }

        double seconds = Measure.Median(warmups: 5, runs: 15, Workload);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trial-iosim-bulk bytes {total} chunk {Chunk} seconds {seconds:F4} MBps {total / seconds / 1e6:F1}"));
        return 0;
    }

    private sealed class Echo : Protocol
    {
        public override void DataReceived(ReadOnlySpan<byte> data) => Transport!.Write(data);
    }

    private sealed class Sink : Protocol
    {
        public long Received { get; private set; }

        public override void DataReceived(ReadOnlySpan<byte> data) => Received += data.Length;
    }
}
