namespace Trial.Time;

/// <summary>
/// Runs <c>await</c> continuations on a reactor's loop, in the order they were posted, so async protocol code
/// is as deterministic as callback code.
/// </summary>
internal sealed class ReactorSynchronizationContext : SynchronizationContext
{
    private readonly ReadyQueue _queue;

    internal ReactorSynchronizationContext(ReadyQueue queue) => _queue = queue;

    /// <inheritdoc/>
    public override void Post(SendOrPostCallback d, object? state) => _queue.Enqueue(d, state);

    /// <summary>Runs <paramref name="d"/> at once when already on this context; blocking another thread is not supported.</summary>
    public override void Send(SendOrPostCallback d, object? state)
    {
        if (Current != this)
        {
            throw new NotSupportedException("Send to a reactor's synchronization context works only from the reactor's own loop; use Post.");
        }

        d(state);
    }

    /// <inheritdoc/>
    public override SynchronizationContext CreateCopy() => this;
}
