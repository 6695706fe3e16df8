using System.Globalization;
using System.Text;
using Trial.Addresses;
using Trial.Framing;
using Trial.Transports;

namespace Trial.Bench.Workloads;

/// <summary>
/// N 16-byte lines ("0123456789abcdef\r\n") fed in 64 KiB chunks through a LineReceiver whose LineReceived only
/// counts; reports the median time and the bytes allocated per line during one timed run.
/// </summary>
internal static class FramingWorkload
{
    private const int ChunkSize = 64 * 1024;

    public static int Run(string[] args)
    {
        int n = Measure.ParseSize(args, 1_000_000);
        byte[] stream = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("0123456789abcdef\r\n", n)));
        var transport = new NullTransport();

        void Workload()
        {
            var receiver = new CountingReceiver();
            receiver.MakeConnection(transport);
            for (int offset = 0; offset < stream.Length; offset += ChunkSize)
            {
                receiver.DataReceived(stream.AsSpan(offset, Math.Min(ChunkSize, stream.Length - offset)));
            }

            if (receiver.Count != n)
            {
                throw new InvalidOperationException($"counted {receiver.Count} lines, expected {n}");
            }
        }

        double seconds = Measure.Median(warmups: 3, runs: 5, Workload);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Workload();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trial-framing lines {n} seconds {seconds:F4} rate {n / seconds:F0}/s bytes-per-line {(double)allocated / n:F4}"));
        return 0;
    }

    private sealed class CountingReceiver : LineReceiver
    {
        public long Count { get; private set; }

        protected override void LineReceived(ReadOnlySpan<byte> line) => Count++;
    }

    private sealed class NullTransport : ITransport
    {
        public IAddress LocalAddress { get; } = new TcpAddress("127.0.0.1", 1);

        public IAddress RemoteAddress { get; } = new TcpAddress("127.0.0.1", 2);

        public bool Disconnecting => false;

        public void Write(ReadOnlySpan<byte> data)
        {
        }

        public void WriteSequence(IEnumerable<ReadOnlyMemory<byte>> data)
        {
        }

        public void LoseConnection()
        {
        }

        public void LoseWriteConnection()
        {
        }

        public void AbortConnection()
        {
        }

        public void RegisterProducer(IProducer producer, bool streaming)
        {
        }

        public void UnregisterProducer()
        {
        }

        public void PauseProducing()
        {
        }

        public void ResumeProducing()
        {
        }

        public void StopProducing()
        {
        }
    }
}
