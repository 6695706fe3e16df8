using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using Trial.Addresses;
using Trial.Framing;
using Trial.Transports;

namespace Trial.Bench.Workloads;

/// <summary>
/// N 16-byte lines ("0123456789abcdef\r\n") fed in 64 KiB chunks through a LineReceiver whose LineReceived only
/// counts; reports the median time and the bytes allocated per line during one timed run. Then the same lines
/// written in 64 KiB chunks to a Pipe and read by a LineReader (ReadAsync, no string per line) as trial-framing-async.
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

        void AsyncWorkload()
        {
            // Inline schedulers and no context: the reader resumes inside each flush, on this thread.
            var pipe = new Pipe(new PipeOptions(readerScheduler: PipeScheduler.Inline, writerScheduler: PipeScheduler.Inline, pauseWriterThreshold: 0, useSynchronizationContext: false));
            var reading = CountLines(pipe.Reader);
            for (int offset = 0; offset < stream.Length; offset += ChunkSize)
            {
                pipe.Writer.Write(stream.AsSpan(offset, Math.Min(ChunkSize, stream.Length - offset)));
                var flush = pipe.Writer.FlushAsync();
                if (!flush.IsCompleted)
                {
                    throw new InvalidOperationException("an unbounded pipe's flush completes at once");
                }
            }

            pipe.Writer.Complete();
            if (!reading.IsCompleted || reading.Result != n)
            {
                throw new InvalidOperationException($"read {(reading.IsCompleted ? reading.Result : -1)} lines, expected {n}");
            }
        }

        double asyncSeconds = Measure.Median(warmups: 3, runs: 5, AsyncWorkload);
        before = GC.GetAllocatedBytesForCurrentThread();
        AsyncWorkload();
        allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trial-framing-async lines {n} seconds {asyncSeconds:F4} rate {n / asyncSeconds:F0}/s bytes-per-line {(double)allocated / n:F4}"));
        return 0;
    }

    private static async ValueTask<long> CountLines(PipeReader input)
    {
        using var lines = new LineReader(input);
        long count = 0;
        while (await lines.ReadAsync().ConfigureAwait(false) is not null)
        {
            count++;
        }

        return count;
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
