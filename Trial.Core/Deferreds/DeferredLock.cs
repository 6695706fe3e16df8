namespace Trial.Deferreds;

/// <summary>
/// A lock for callback code (Twisted's <c>DeferredLock</c>): <see cref="Acquire"/> returns a deferred that fires
/// when the lock is yours, in the order the acquisitions were made.
/// </summary>
/// <remarks>Not thread-safe: like deferreds, a lock belongs to one reactor thread.</remarks>
public sealed class DeferredLock
{
    private readonly LinkedList<Deferred<DeferredLock>> _waiting = new();

    /// <summary>Gets a value indicating whether someone holds the lock.</summary>
    public bool Locked { get; private set; }

    /// <summary>Gets the number of acquisitions waiting for the lock.</summary>
    public int WaitingCount => _waiting.Count;

    /// <summary>Acquires the lock.</summary>
    /// <returns>
    /// A deferred that fires with this lock once it is acquired: at once if it is free. Cancelling it before then
    /// withdraws the acquisition (it fails with <see cref="CancelledException"/>).
    /// </returns>
    public Deferred<DeferredLock> Acquire()
    {
        var acquired = new Deferred<DeferredLock>(waiter => ConcurrencyPrimitive.Forget(_waiting, waiter));
        if (Locked)
        {
            _waiting.AddLast(acquired);
        }
        else
        {
            Locked = true;
            acquired.Callback(this);
        }

        return acquired;
    }

    /// <summary>Releases the lock, handing it to the oldest waiting acquisition, if any.</summary>
    /// <exception cref="InvalidOperationException">The lock is not held.</exception>
    public void Release()
    {
        if (!Locked)
        {
            throw new InvalidOperationException("The DeferredLock was released while it was not locked.");
        }

        Locked = false;
        if (_waiting.First is { } next)
        {
            _waiting.RemoveFirst();
            Locked = true;
            next.Value.Callback(this);
        }
    }

    /// <summary>Acquires the lock, runs <paramref name="function"/>, and releases the lock when its deferred fires.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="function">The work to do under the lock.</param>
    /// <returns>A deferred for the work's result or failure.</returns>
    public Deferred<T> Run<T>(Func<Deferred<T>> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return ConcurrencyPrimitive.Run(Acquire(), function, Release);
    }

    /// <summary>Acquires the lock, runs <paramref name="function"/>, and releases the lock.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="function">The work to do under the lock.</param>
    /// <returns>A deferred for the work's result or failure.</returns>
    public Deferred<T> Run<T>(Func<T> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return ConcurrencyPrimitive.Run(Acquire(), () => Deferred.MaybeDeferred(function), Release);
    }
}
