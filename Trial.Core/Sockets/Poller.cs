namespace Trial.Sockets;

/// <summary>
/// The operating system's readiness machinery as the loop sees it: register sockets, wait with a timeout,
/// and be woken from another thread.
/// </summary>
internal abstract class Poller : IDisposable
{
    /// <summary>Receives one ready socket's key and what was seen on it.</summary>
    internal delegate void Dispatch(long key, PollEvents events);

    /// <summary>Watches <paramref name="item"/> under its <see cref="IPollable.Key"/>.</summary>
    internal abstract void Add(IPollable item);

    /// <summary>Stops watching <paramref name="item"/>; called before its socket is closed.</summary>
    internal abstract void Remove(IPollable item);

    /// <summary>Hands the watch of a socket to another item with the same key (a finished connect becomes a connection).</summary>
    internal abstract void Replace(IPollable previous, IPollable next);

    /// <summary>Waits up to <paramref name="timeoutMs"/> (-1: no limit) for readiness or a wake-up, then reports what is ready.</summary>
    internal abstract void Wait(int timeoutMs, Dispatch dispatch);

    /// <summary>Makes a <see cref="Wait"/> in progress (or the next one) return at once; safe from any thread.</summary>
    internal abstract void Wake();

    /// <inheritdoc/>
    public abstract void Dispose();
}
