using Trial.Time;

namespace Trial.Deferreds;

/// <content>Timeouts, explicit chaining, and conversion to awaiters and tasks.</content>
public sealed partial class Deferred<T>
{
    /// <summary>
    /// Cancels the deferred if it has not fired within <paramref name="timeout"/> of <paramref name="time"/>'s
    /// time, and then fails it with <see cref="DeferredTimeoutException"/> instead of <see cref="CancelledException"/>;
    /// Twisted's <c>addTimeout</c>.
    /// </summary>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="time">Whose time to wait on; never the wall clock.</param>
    /// <param name="onTimeoutCancel">
    /// Runs only when the timeout fired, with the chain's result at that point (usually the
    /// <see cref="CancelledException"/> failure) and the timeout; what it returns (or throws) becomes the result. The
    /// default turns a <see cref="CancelledException"/> into a <see cref="DeferredTimeoutException"/> and leaves
    /// anything else alone.
    /// </param>
    /// <returns>This handle.</returns>
    /// <remarks>
    /// The timeout covers the callbacks added before this call and none added after. If the deferred fires first,
    /// the pending timeout call is cancelled, so it leaves nothing behind on the reactor.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is negative.</exception>
    public Deferred<T> AddTimeout(TimeSpan timeout, IReactorTime time, Func<object?, TimeSpan, object?>? onTimeoutCancel = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        bool timedOut = false;
        var call = time.CallLater(timeout, () =>
        {
            timedOut = true;
            Cancel();
        });
        var translate = onTimeoutCancel ?? TranslateCancellation;
        Core.AddCallbacks(Convert, Convert);
        Core.AddCallbacks(StopTimer, StopTimer);
        return this;

        object? Convert(object? result) => timedOut ? translate(result, timeout) : result;

        object? StopTimer(object? result)
        {
            if (call.Active)
            {
                call.Cancel();
            }

            return result;
        }
    }

    /// <summary>
    /// Twisted's <c>chainDeferred</c>: fires <paramref name="other"/> with this chain's result or failure when it
    /// arrives. This chain's result becomes <see langword="null"/>: the other deferred owns it now.
    /// </summary>
    /// <param name="other">The deferred to fire. Firing it does not affect this one.</param>
    /// <returns>An untyped handle on this chain.</returns>
    /// <exception cref="ArgumentException"><paramref name="other"/> is this chain.</exception>
    public Deferred<object?> Chain(Deferred<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Core == Core)
        {
            throw new ArgumentException($"{Core.Name} cannot be chained to itself.", nameof(other));
        }

        // Not a callback that fires the other chain: that would recurse once per link of a long chain of chains.
        Core.AddForward(other.Core);
        return new Deferred<object?>(Core);
    }

    /// <summary>Gets an awaiter, so that <c>await deferred</c> works.</summary>
    /// <returns>An awaiter for this deferred's result at the end of the callbacks added so far.</returns>
    /// <remarks>
    /// The continuation after <c>await</c> is posted to the <see cref="SynchronizationContext"/> that was current
    /// when the <c>await</c> began, if there was one (a reactor's or a <c>Clock</c>'s context, so awaiting code
    /// stays on the reactor loop and deterministic); otherwise it runs at once, on the thread that fires the
    /// deferred. A failure is rethrown with its original stack, and counts as handled. Awaiting leaves the result in
    /// the chain, so a deferred can be awaited more than once.
    /// </remarks>
    public DeferredAwaiter<T> GetAwaiter() => new(Core);

    /// <summary>
    /// Returns a task that completes with this chain's result (as it is after the callbacks added so far), or
    /// faults with its failure's exception; a cancelled deferred faults with its <see cref="CancelledException"/>,
    /// which is an <see cref="OperationCanceledException"/>.
    /// </summary>
    /// <returns>The task. A failure handed to it counts as handled by the deferred.</returns>
    public Task<T> AsTask()
    {
        var completion = new TaskCompletionSource<T>();
        Core.AddCallbacks(Complete, Complete);
        return completion.Task;

        object? Complete(object? result)
        {
            if (result is Failure failure)
            {
                Core.MarkObserved(failure);
                completion.TrySetException(failure.Exception);
                return result;
            }

            try
            {
                completion.TrySetResult(DeferredCore.Cast<T>(result));
            }
            catch (InvalidCastException ex)
            {
                completion.TrySetException(ex);
            }

            return result;
        }
    }

    private static object? TranslateCancellation(object? result, TimeSpan timeout)
    {
        if (result is Failure failure)
        {
            var cancelled = failure.Trap<CancelledException>();
            throw new DeferredTimeoutException(timeout, cancelled);
        }

        return result;
    }
}
