using System.Globalization;

namespace Trial.Deferreds;

/// <summary>
/// A semaphore for callback code (Twisted's <c>DeferredSemaphore</c>): at most <see cref="Limit"/> holders at once,
/// the rest waiting in order. <see cref="Run{T}(Func{Deferred{T}})"/> is the usual way to limit concurrency.
/// </summary>
/// <remarks>Not thread-safe: like deferreds, a semaphore belongs to one reactor thread.</remarks>
public sealed class DeferredSemaphore
{
    private readonly LinkedList<Deferred<DeferredSemaphore>> _waiting = new();

    /// <summary>Initializes a semaphore with <paramref name="tokens"/> tokens.</summary>
    /// <param name="tokens">How many holders may hold it at once; at least one.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tokens"/> is less than one.</exception>
    public DeferredSemaphore(int tokens)
    {
        if (tokens < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(tokens), tokens, string.Create(CultureInfo.InvariantCulture, $"A DeferredSemaphore needs at least one token, but was given {tokens}."));
        }

        Limit = tokens;
        Tokens = tokens;
    }

    /// <summary>Gets how many holders may hold the semaphore at once.</summary>
    public int Limit { get; }

    /// <summary>Gets how many tokens are free.</summary>
    public int Tokens { get; private set; }

    /// <summary>Gets the number of acquisitions waiting for a token.</summary>
    public int WaitingCount => _waiting.Count;

    /// <summary>Acquires a token.</summary>
    /// <returns>
    /// A deferred that fires with this semaphore once a token is yours: at once if one is free. Cancelling it before
    /// then withdraws the acquisition.
    /// </returns>
    public Deferred<DeferredSemaphore> Acquire()
    {
        var acquired = new Deferred<DeferredSemaphore>(waiter => ConcurrencyPrimitive.Forget(_waiting, waiter));
        if (Tokens == 0)
        {
            _waiting.AddLast(acquired);
        }
        else
        {
            Tokens--;
            acquired.Callback(this);
        }

        return acquired;
    }

    /// <summary>Returns a token, handing it to the oldest waiting acquisition, if any.</summary>
    /// <exception cref="InvalidOperationException">Every token is already free.</exception>
    public void Release()
    {
        if (Tokens == Limit)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The DeferredSemaphore was released more often than acquired: all {Limit} tokens are already free."));
        }

        if (_waiting.First is { } next)
        {
            _waiting.RemoveFirst();
            next.Value.Callback(this);
        }
        else
        {
            Tokens++;
        }
    }

    /// <summary>Acquires a token, runs <paramref name="function"/>, and releases the token when its deferred fires.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="function">The work to do while holding a token.</param>
    /// <returns>A deferred for the work's result or failure.</returns>
    public Deferred<T> Run<T>(Func<Deferred<T>> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return ConcurrencyPrimitive.Run(Acquire(), function, Release);
    }

    /// <summary>Acquires a token, runs <paramref name="function"/>, and releases the token.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="function">The work to do while holding a token.</param>
    /// <returns>A deferred for the work's result or failure.</returns>
    public Deferred<T> Run<T>(Func<T> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return ConcurrencyPrimitive.Run(Acquire(), () => Deferred.MaybeDeferred(function), Release);
    }
}
