namespace Trial.Time;

/// <summary>
/// A thread-safe FIFO of work that is ready now: <c>await</c> continuations posted to a reactor's
/// <see cref="SynchronizationContext"/> and calls made soon. The reactor drains it on its own thread.
/// </summary>
internal sealed class ReadyQueue
{
    private static readonly SendOrPostCallback RunAction = static state => ((Action)state!)();
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _items = new();
    private readonly Lock _gate = new();
    private readonly Action? _wake;
    private volatile int _count;
    private string? _closed;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="wake">Called after each enqueue, from the enqueuing thread, so a blocked loop can wake up.</param>
    internal ReadyQueue(Action? wake = null) => _wake = wake;

    /// <summary>Gets the number of items waiting.</summary>
    internal int Count => _count;

    /// <summary>Gets a value indicating whether nothing is waiting; cheap enough to ask after every call.</summary>
    internal bool IsEmpty => _count == 0;

    internal void Enqueue(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Enqueue(RunAction, action);
    }

    internal bool TryEnqueue(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return TryEnqueue(RunAction, action);
    }

    /// <summary>Gets a value indicating whether <see cref="Close"/> was called.</summary>
    internal bool IsClosed => Volatile.Read(ref _closed) is not null;

    /// <exception cref="InvalidOperationException">The queue was closed; the message is the reason given to <see cref="Close"/>.</exception>
    internal void Enqueue(SendOrPostCallback callback, object? state)
    {
        if (!TryEnqueue(callback, state))
        {
            throw new InvalidOperationException(_closed);
        }
    }

    /// <summary>Adds an item unless the queue was closed.</summary>
    /// <returns><see langword="false"/> when the queue was closed; the item was not added.</returns>
    internal bool TryEnqueue(SendOrPostCallback callback, object? state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        lock (_gate)
        {
            if (_closed is not null)
            {
                return false;
            }

            _items.Enqueue((callback, state));
            _count = _items.Count;
        }

        _wake?.Invoke();
        return true;
    }

    /// <summary>Throws the reason given to <see cref="Close"/>, if it was called.</summary>
    internal void ThrowIfClosed()
    {
        if (Volatile.Read(ref _closed) is { } reason)
        {
            throw new InvalidOperationException(reason);
        }
    }

    /// <summary>Refuses every later enqueue with <paramref name="reason"/>; what is already queued stays to be run.</summary>
    internal void Close(string reason)
    {
        lock (_gate)
        {
            _closed = reason;
        }
    }

    /// <summary>Gets the oldest item without taking it, if any.</summary>
    internal bool TryPeek(out SendOrPostCallback callback, out object? state)
    {
        lock (_gate)
        {
            if (_items.TryPeek(out var item))
            {
                (callback, state) = item;
                return true;
            }
        }

        callback = null!;
        state = null;
        return false;
    }

    /// <summary>Takes the oldest item, if any.</summary>
    internal bool TryDequeue(out SendOrPostCallback callback, out object? state)
    {
        lock (_gate)
        {
            if (_items.TryDequeue(out var item))
            {
                _count = _items.Count;
                (callback, state) = item;
                return true;
            }
        }

        callback = null!;
        state = null;
        return false;
    }

    /// <summary>Names an item's target, for error messages.</summary>
    internal static string Describe(SendOrPostCallback callback, object? state) =>
        callback == RunAction && state is Action action ? DelayedCall.Describe(action) : DelayedCall.Describe(callback);
}
