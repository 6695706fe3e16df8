using System.Net;
using System.Net.Sockets;

namespace Trial.Bench.Workloads;

/// <summary>
/// The plain-socket peers of the TCP workloads: blocking sockets with a thread per direction, and
/// ReceiveAsync/SendAsync on the thread pool. Each runs one echo server and one client over loopback.
/// </summary>
internal static class Baselines
{
    private const int Chunk = 64 * 1024;
    private static readonly byte[] Line = "0123456789abcdef\n"u8.ToArray();

    public static void BlockingStream(long total) => WithPair(blocking: true, (server, client) =>
    {
        var echo = new Thread(() => BlockingEcho(server));
        var writer = new Thread(() =>
        {
            var chunk = new byte[Chunk];
            for (long sent = 0; sent < total; sent += Chunk)
            {
                client.Send(chunk);
            }
        });
        echo.Start();
        writer.Start();
        var buffer = new byte[Chunk];
        for (long received = 0; received < total;)
        {
            received += client.Receive(buffer);
        }

        writer.Join();
        client.Shutdown(SocketShutdown.Send);
        echo.Join();
    });

    public static void BlockingPingPong(int roundTrips) => WithPair(blocking: true, (server, client) =>
    {
        var echo = new Thread(() => BlockingEcho(server));
        echo.Start();
        var buffer = new byte[64];
        for (int i = 0; i < roundTrips; i++)
        {
            client.Send(Line);
            for (int got = 0; got < Line.Length;)
            {
                got += client.Receive(buffer.AsSpan(got));
            }
        }

        client.Shutdown(SocketShutdown.Send);
        echo.Join();
    });

    public static void AsyncStream(long total) => WithPair(blocking: false, (server, client) =>
    {
        var echo = AsyncEcho(server);
        var writer = Task.Run(async () =>
        {
            var chunk = new byte[Chunk];
            for (long sent = 0; sent < total; sent += Chunk)
            {
                await client.SendAsync(chunk, SocketFlags.None).ConfigureAwait(false);
            }
        });
        var reader = Task.Run(async () =>
        {
            var buffer = new byte[Chunk];
            for (long received = 0; received < total;)
            {
                received += await client.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false);
            }
        });
        TrialTcp.Wait(Task.WhenAll(writer, reader));
        client.Shutdown(SocketShutdown.Send);
        TrialTcp.Wait(echo);
    });

    public static void AsyncPingPong(int roundTrips) => WithPair(blocking: false, (server, client) =>
    {
        var echo = AsyncEcho(server);
        TrialTcp.Wait(Task.Run(async () =>
        {
            var buffer = new byte[64];
            for (int i = 0; i < roundTrips; i++)
            {
                await client.SendAsync(Line, SocketFlags.None).ConfigureAwait(false);
                for (int got = 0; got < Line.Length;)
                {
                    got += await client.ReceiveAsync(buffer.AsMemory(got), SocketFlags.None).ConfigureAwait(false);
                }
            }
        }));
        client.Shutdown(SocketShutdown.Send);
        TrialTcp.Wait(echo);
    });

    private static void BlockingEcho(Socket server)
    {
        var buffer = new byte[Chunk];
        int n;
        while ((n = server.Receive(buffer)) > 0)
        {
            server.Send(buffer.AsSpan(0, n));
        }
    }

    private static Task AsyncEcho(Socket server) => Task.Run(async () =>
    {
        var buffer = new byte[Chunk];
        int n;
        while ((n = await server.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false)) > 0)
        {
            await server.SendAsync(buffer.AsMemory(0, n), SocketFlags.None).ConfigureAwait(false);
        }
    });

    private static void WithPair(bool blocking, Action<Socket, Socket> body)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.Connect(listener.LocalEndPoint!);
        using var server = listener.Accept();
        server.NoDelay = true;
        _ = blocking;
        body(server, client);
    }
}
