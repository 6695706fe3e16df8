using System.Net.Sockets;
using Trial.Addresses;

namespace Trial.Sockets;

/// <summary>
/// What a listening TCP port and a UDP port share on the reactor: a socket polled for reading only, read in
/// bursts up to a per-turn budget (the rest waits for a retry turn), and one way to stop. Each port supplies how
/// it reads a burst and what stopping tells its user.
/// </summary>
internal abstract class PolledPort : IPollable, IRetryable, IReactorResource
{
    private protected PolledPort(SocketReactor reactor, Socket socket, IAddress localAddress)
    {
        Reactor = reactor;
        Diagnostics.ResourceOrigins.Record(this);
        Socket = socket;
        LocalAddress = localAddress;
    }

    /// <inheritdoc/>
    public Socket Socket { get; }

    /// <inheritdoc/>
    public long Key { get; set; }

    /// <summary>Gets the address the port is bound to.</summary>
    public IAddress LocalAddress { get; }

    /// <inheritdoc/>
    public bool WantsRead => !Closed;

    /// <inheritdoc/>
    public bool WantsWrite => false;

    /// <inheritdoc/>
    public bool RetryQueued { get; set; }

    /// <summary>Gets the reactor the port belongs to.</summary>
    private protected SocketReactor Reactor { get; }

    /// <summary>Gets a value indicating whether the port was stopped.</summary>
    private protected bool Closed { get; private set; }

    /// <summary>Stops polling and closes the socket, then runs <see cref="Stopped"/>; stopping again does nothing.</summary>
    /// <returns>A completed task: the port is closed when this returns.</returns>
    public Task StopListening()
    {
        if (!Closed)
        {
            Closed = true;
            Reactor.Unregister(this);
            Socket.Dispose();
            Reactor.Untrack(this);
            Stopped();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public void CloseForShutdown()
    {
        try
        {
            StopListening();
        }
        catch (Exception e)
        {
            Reactor.ReportError(e);
        }
    }

    /// <inheritdoc/>
    public abstract void OnEvents(PollEvents events);

    /// <inheritdoc/>
    public abstract void Retry();

    /// <summary>Tells the port's user it stopped (the factory's stop, the datagram protocol's stop); may throw to <see cref="StopListening"/>'s caller.</summary>
    private protected abstract void Stopped();
}
