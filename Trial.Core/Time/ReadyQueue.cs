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

    internal void Enqueue(SendOrPostCallback callback, object? state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        lock (_gate)
        {
            _items.Enqueue((callback, state));
            _count = _items.Count;
        }

        _wake?.Invoke();
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
