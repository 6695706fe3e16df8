namespace Trial.Reactors;

/// <summary>The time one thread runs an <see cref="EventLoop"/>, from <see cref="EventLoop.Enter"/> to <see cref="Dispose"/>.</summary>
public readonly struct EventLoopScope : IDisposable, IEquatable<EventLoopScope>
{
    private readonly EventLoop? _loop;
    private readonly SynchronizationContext? _context;

    internal EventLoopScope(EventLoop loop, SynchronizationContext? context)
    {
        _loop = loop;
        _context = context;
    }

    /// <summary>Lets another thread run the loop, and gives the calling thread back its synchronization context.</summary>
    public void Dispose() => _loop?.Exit(_context);

    /// <inheritdoc/>
    public bool Equals(EventLoopScope other) => ReferenceEquals(_loop, other._loop) && ReferenceEquals(_context, other._context);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is EventLoopScope other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_loop, _context);
}
