using System.Globalization;

namespace Trial.Sockets;

/// <summary>A <see cref="SocketReactor"/> running on a background thread: stop it and join the thread with a bounded wait.</summary>
public sealed class SocketReactorThread : IDisposable
{
    private static readonly TimeSpan DefaultJoinTimeout = TimeSpan.FromSeconds(30);
    private readonly Thread _thread;

    internal SocketReactorThread(SocketReactor reactor, string name)
    {
        Reactor = reactor;
        _thread = new Thread(RunReactor) { IsBackground = true, Name = name };
    }

    /// <summary>Gets the reactor.</summary>
    public SocketReactor Reactor { get; }

    /// <summary>Gets the exception that ended <see cref="SocketReactor.Run"/>, if one did.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Stops the reactor and waits for its thread to finish.</summary>
    /// <param name="timeout">How long to wait.</param>
    /// <exception cref="TimeoutException">The thread did not finish in time.</exception>
    public void Stop(TimeSpan timeout)
    {
        Reactor.Stop();
        if (Thread.CurrentThread != _thread && !_thread.Join(timeout))
        {
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"The reactor thread '{_thread.Name}' did not stop within {timeout}."));
        }
    }

    /// <summary>Stops the reactor, waits up to 30 seconds for its thread, and releases the reactor.</summary>
    public void Dispose()
    {
        Stop(DefaultJoinTimeout);
        Reactor.Dispose();
    }

    internal void Start() => _thread.Start();

    private void RunReactor()
    {
        try
        {
            Reactor.Run();
        }
        catch (Exception e)
        {
            Failure = e;
            Reactor.ReportError(e);
        }
    }
}
