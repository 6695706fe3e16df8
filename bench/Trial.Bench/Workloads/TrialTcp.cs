using Trial.Addresses;
using Trial.Protocols;
using Trial.Reactors;
using Trial.Sockets;
using Trial.Transports;

namespace Trial.Bench.Workloads;

/// <summary>Socket reactors on background threads and the protocols the TCP workloads run on them.</summary>
internal sealed class TrialTcp : IDisposable
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    public TrialTcp(bool separateReactors)
    {
        var options = new SocketReactorOptions();
        Server = new SocketReactor(options).StartOnBackgroundThread("bench-server");
        Client = separateReactors ? new SocketReactor(options).StartOnBackgroundThread("bench-client") : Server;
    }

    public SocketReactorThread Server { get; }

    public SocketReactorThread Client { get; }

    public static T Wait<T>(Task<T> task) => task.Wait(Limit) ? task.Result : throw new TimeoutException($"The workload did not finish within {Limit}.");

    public static void Wait(Task task)
    {
        if (!task.Wait(Limit))
        {
            throw new TimeoutException($"The workload did not finish within {Limit}.");
        }
    }

    public int Listen(Func<IProtocol> build) =>
        Wait(Server.Reactor.InvokeAsync(() => Server.Reactor.ListenTcp(0, Factory.ForProtocol(build), 4096, "127.0.0.1").Port));

    public void Connect(int port, Func<IProtocol> build) =>
        Wait(Client.Reactor.InvokeAsync(() => Client.Reactor.ConnectTcp("127.0.0.1", port, ClientFactory.ForProtocol(build))));

    public void Dispose()
    {
        if (Client != Server)
        {
            Client.Dispose();
        }

        Server.Dispose();
    }

    /// <summary>Writes back whatever arrives; its reading pauses while its write buffer is full.</summary>
    public sealed class Echo : Protocol
    {
        public override void ConnectionMade() => Transport!.RegisterProducer(Transport, streaming: true);

        public override void DataReceived(ReadOnlySpan<byte> data) => Transport!.Write(data);
    }

    /// <summary>Writes back each newline-terminated line, like Twisted's LineReceiver echo.</summary>
    public sealed class LineEcho : Protocol
    {
        private readonly LineSplitter _lines = new();

        public override void DataReceived(ReadOnlySpan<byte> data) => _lines.Feed(data, line =>
        {
            Transport!.Write(line);
            Transport.Write("\n"u8);
        });
    }

    /// <summary>Cuts a byte stream into lines, keeping a partial line between reads.</summary>
    public sealed class LineSplitter
    {
        private byte[] _partial = new byte[256];
        private int _length;

        public delegate void LineHandler(ReadOnlySpan<byte> line);

        public void Feed(ReadOnlySpan<byte> data, LineHandler onLine)
        {
            while (true)
            {
                int end = data.IndexOf((byte)'\n');
                if (end < 0)
                {
                    Keep(data);
                    return;
                }

                if (_length == 0)
                {
                    onLine(data[..end]);
                }
                else
                {
                    Keep(data[..end]);
                    onLine(_partial.AsSpan(0, _length));
                    _length = 0;
                }

                data = data[(end + 1)..];
            }
        }

        private void Keep(ReadOnlySpan<byte> data)
        {
            if (_length + data.Length > _partial.Length)
            {
                Array.Resize(ref _partial, Math.Max(_partial.Length * 2, _length + data.Length));
            }

            data.CopyTo(_partial.AsSpan(_length));
            _length += data.Length;
        }
    }

    /// <summary>Streams TOTAL bytes in 64 KiB writes (a push producer under the water marks) and counts them back.</summary>
    public sealed class StreamClient(long total, TaskCompletionSource done) : Protocol, IPushProducer
    {
        private static readonly byte[] Chunk = new byte[64 * 1024];
        private long _sent;
        private long _received;
        private bool _paused;

        public override void ConnectionMade()
        {
            Transport!.RegisterProducer(this, streaming: true);
            ResumeProducing();
        }

        public override void DataReceived(ReadOnlySpan<byte> data)
        {
            _received += data.Length;
            if (_received >= total)
            {
                Transport!.LoseConnection();
                done.TrySetResult();
            }
        }

        public void PauseProducing() => _paused = true;

        public void ResumeProducing()
        {
            _paused = false;
            while (!_paused && _sent < total)
            {
                Transport!.Write(Chunk);
                _sent += Chunk.Length;
            }

            if (_sent >= total)
            {
                Transport!.UnregisterProducer();
            }
        }

        public void StopProducing() => _paused = true;
    }

    /// <summary>Sends one 16-byte line, waits for its echo, N times.</summary>
    public sealed class PingClient(int roundTrips, TaskCompletionSource done) : Protocol
    {
        private static readonly byte[] Line = "0123456789abcdef\n"u8.ToArray();
        private readonly LineSplitter _lines = new();
        private int _count;

        public override void ConnectionMade() => Transport!.Write(Line);

        public override void DataReceived(ReadOnlySpan<byte> data) => _lines.Feed(data, _ =>
        {
            if (++_count >= roundTrips)
            {
                Transport!.LoseConnection();
                done.TrySetResult();
            }
            else
            {
                Transport!.Write(Line);
            }
        });
    }
}
