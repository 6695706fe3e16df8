using Trial.Addresses;
using Trial.Protocols;
using Trial.Sockets;

namespace Examples.Testing;

/// <summary>
/// A <see cref="SocketReactor"/> on a background thread for real-socket tests: listens on 127.0.0.1 port 0 and
/// runs each scenario on the reactor's thread, with a bounded wait.
/// </summary>
internal sealed class LoopbackReactor : IDisposable
{
    /// <summary>How long any one scenario may take on real sockets.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private readonly SocketReactorThread _thread;

    public LoopbackReactor()
    {
        Reactor = new SocketReactor();
        _thread = Reactor.StartOnBackgroundThread("Examples.LoopbackReactor");
    }

    /// <summary>Gets the reactor.</summary>
    public SocketReactor Reactor { get; }

    /// <summary>Listens on a free loopback port and returns it; call it on the reactor's thread (inside <see cref="Run"/>).</summary>
    public int Listen(IProtocolFactory factory) => ((TcpAddress)Reactor.ListenTcp(0, factory, host: "127.0.0.1").LocalAddress).Port;

    /// <summary>Runs <paramref name="scenario"/> on the reactor's thread and waits, bounded, for it to finish.</summary>
    public void Run(Func<Task> scenario) => Reactor.InvokeAsync(scenario).WaitAsync(Limit).GetAwaiter().GetResult();

    /// <inheritdoc/>
    public void Dispose() => _thread.Dispose();
}
