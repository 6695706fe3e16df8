using System.Globalization;
using System.Runtime.InteropServices;
using Trial.Addresses;
using Trial.Protocols;
using Trial.Reactors;
using Trial.Sockets;

namespace Examples;

/// <summary>
/// The command line every example server shares: <c>--port N</c> (0 for any free port) and <c>--host ADDRESS</c>
/// (127.0.0.1 unless told otherwise), then the server runs on a <see cref="SocketReactor"/> until Ctrl+C or SIGTERM.
/// </summary>
internal static class ServerCommandLine
{
    /// <summary>Parses <paramref name="args"/>, listens, prints the bound address, and runs the reactor.</summary>
    /// <param name="name">The server's name, for the messages.</param>
    /// <param name="defaultPort">The port when <c>--port</c> is not given.</param>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="createFactory">Builds the server's protocol factory on the reactor it will run on.</param>
    /// <returns>The process exit code: 0 after a clean stop, 2 for bad arguments.</returns>
    public static int Run(string name, int defaultPort, string[] args, Func<IReactor, IProtocolFactory> createFactory)
    {
        string host = "127.0.0.1";
        int port = defaultPort;
        for (int i = 0; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int p) && p <= 65535:
                    port = p;
                    i++;
                    break;
                case "--host" when !string.IsNullOrEmpty(value):
                    host = value;
                    i++;
                    break;
                case "-h" or "--help":
                    Console.WriteLine($"usage: {name} [--port N] [--host ADDRESS]   (default: --port {defaultPort} --host 127.0.0.1)");
                    return 0;
                default:
                    Console.Error.WriteLine($"{name}: bad argument '{args[i]}'{(value is null ? "" : $" '{value}'")}.");
                    Console.Error.WriteLine($"usage: {name} [--port N] [--host ADDRESS]   (a port is 0 to 65535; 0 picks a free one)");
                    return 2;
            }
        }

        using var reactor = new SocketReactor();
        var listening = reactor.ListenTcp(port, createFactory(reactor), host: host);
        var bound = (TcpAddress)listening.LocalAddress;
        Console.WriteLine($"{name} listening on {bound.Host}:{bound.Port.ToString(CultureInfo.InvariantCulture)}");

        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            reactor.CallFromThread(reactor.Stop);
        };
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            reactor.CallFromThread(reactor.Stop);
        });
        reactor.Run();
        return 0;
    }
}
