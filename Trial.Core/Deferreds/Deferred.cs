namespace Trial.Deferreds;

/// <summary>
/// The untyped face of a <see cref="Deferred{T}"/>, and the home of the factories (<see cref="Succeed{T}"/>,
/// <see cref="Fail{T}(Exception)"/>, <see cref="FromTask{T}(Task{T})"/>, <see cref="MaybeDeferred{T}(Func{T})"/>)
/// and combinators (<see cref="GatherResults{T}"/>, <see cref="Race{T}"/>), the way <see cref="Task"/> is to
/// <see cref="Task{TResult}"/>.
/// </summary>
/// <remarks>
/// <para>
/// The Twisted-style methods (<see cref="AddCallback"/>, <see cref="AddErrback"/>, <see cref="AddBoth"/>,
/// <see cref="AddCallbacks"/>) are untyped: they work on any deferred and return a <c>Deferred&lt;object?&gt;</c>
/// handle on the same chain. <see cref="Deferred{T}"/> adds typed builders.
/// </para>
/// <para>
/// A deferred is Twisted's <c>Deferred</c>: a result that is not there yet, plus a chain of callbacks and errbacks
/// that process it once it is. Each callback gets the result of the one before; a callback that throws (or returns
/// a <see cref="Failure"/>) switches the chain to its errbacks, and an errback that returns a value switches it
/// back. A callback that returns another deferred pauses the chain until that one fires, then continues with its
/// result. Everything runs synchronously on the thread that fires the deferred or adds the callback; a deferred is
/// not thread-safe and belongs to one reactor thread.
/// </para>
/// <para>
/// Typing: the result of a chain changes type as callbacks run, so the chain itself holds an untyped result, and
/// <see cref="Deferred{T}"/> is a typed handle on it. Builders such as <see cref="Deferred{T}.Then{TNext}(Func{T, TNext})"/>
/// add to the same chain (as Twisted's <c>addCallback</c> does) and return a new handle typed for the new result.
/// All handles of one chain share its state: cancelling or pausing any of them acts on the chain.
/// </para>
/// <para>
/// Async code: a <see cref="Deferred{T}"/> is awaitable, and an <see langword="async"/> method that awaits deferreds
/// is the C# form of Twisted's <c>inlineCallbacks</c>; <see cref="FromTask{T}(Func{CancellationToken, Task{T}})"/>
/// turns such a method back into a cancellable deferred. A chain that ends in a failure nobody handled is reported
/// when it is collected; see <see cref="UnhandledFailureObserver"/>.
/// </para>
/// </remarks>
public abstract partial class Deferred
{
    private protected Deferred(DeferredCore core) => Core = core;

    /// <summary>Gets a value indicating whether the deferred has been fired (with a result or a failure).</summary>
    public bool Called => Core.Called;

    /// <summary>Gets a value indicating whether the chain is paused, by <see cref="Pause"/> or because it waits on another deferred.</summary>
    public bool Paused => Core.Paused;

    /// <summary>Gets the chain this handle belongs to.</summary>
    internal DeferredCore Core { get; }

    /// <summary>Fails the deferred with <paramref name="exception"/>, running the errback chain.</summary>
    /// <param name="exception">The exception.</param>
    /// <exception cref="Time.AlreadyCalledException">The deferred was already fired.</exception>
    public void Errback(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Core.Fire(new Failure(exception));
    }

    /// <summary>Fails the deferred with <paramref name="failure"/>, running the errback chain.</summary>
    /// <param name="failure">The failure.</param>
    /// <exception cref="Time.AlreadyCalledException">The deferred was already fired.</exception>
    public void Errback(Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        Core.Fire(failure);
    }

    /// <summary>Stops running callbacks until <see cref="Unpause"/> is called as many times.</summary>
    public void Pause() => Core.Pause();

    /// <summary>Undoes one <see cref="Pause"/>; the last one runs the callbacks added since.</summary>
    /// <exception cref="InvalidOperationException">The deferred is not paused.</exception>
    public void Unpause() => Core.Unpause();

    /// <summary>
    /// Cancels the deferred. If it has not fired, its canceller runs; if that does not fire it (or there is no
    /// canceller), it fails with <see cref="CancelledException"/>. If it has fired but waits on a deferred that a
    /// callback returned, that inner deferred is cancelled instead. Otherwise nothing happens.
    /// </summary>
    /// <remarks>
    /// Without a canceller, the producer may still fire the deferred later: that one call is swallowed, as in
    /// Twisted, instead of throwing <see cref="Time.AlreadyCalledException"/>.
    /// </remarks>
    public void Cancel() => Core.Cancel();

    /// <summary>
    /// Twisted's <c>addCallback</c>: adds a callback for results; failures pass it by. The callback may return a
    /// value, a <see cref="Failure"/> (switching to the errbacks) or a deferred (which the chain waits on).
    /// </summary>
    /// <param name="callback">The callback.</param>
    /// <returns>An untyped handle on this chain.</returns>
    public Deferred<object?> AddCallback(Func<object?, object?> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return AddCallbacks(callback, null);
    }

    /// <summary>
    /// Twisted's <c>addErrback</c>: adds an errback for failures; results pass it by. Returning a value recovers;
    /// returning the failure (or throwing) keeps the chain on its errbacks.
    /// </summary>
    /// <param name="errback">The errback.</param>
    /// <returns>An untyped handle on this chain.</returns>
    public Deferred<object?> AddErrback(Func<Failure, object?> errback)
    {
        ArgumentNullException.ThrowIfNull(errback);
        Core.AddCallbacks(null, result => errback((Failure)result!));
        return new Deferred<object?>(Core);
    }

    /// <summary>Twisted's <c>addBoth</c>: adds one function for both results and failures.</summary>
    /// <param name="both">Gets the result, or the <see cref="Failure"/>.</param>
    /// <returns>An untyped handle on this chain.</returns>
    public Deferred<object?> AddBoth(Func<object?, object?> both)
    {
        ArgumentNullException.ThrowIfNull(both);
        Core.AddCallbacks(both, both);
        return new Deferred<object?>(Core);
    }

    /// <summary>
    /// Twisted's <c>addCallbacks</c>: adds a callback and an errback as one step, so that a failure raised by the
    /// callback does not reach this errback (it goes to the next one).
    /// </summary>
    /// <param name="callback">Runs for a result.</param>
    /// <param name="errback">Runs for a failure; <see langword="null"/> passes failures by.</param>
    /// <returns>An untyped handle on this chain.</returns>
    public Deferred<object?> AddCallbacks(Func<object?, object?> callback, Func<Failure, object?>? errback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        Core.AddCallbacks(callback, errback is null ? null : result => errback((Failure)result!));
        return new Deferred<object?>(Core);
    }

    /// <summary>Returns the type, and the result or what the deferred waits on.</summary>
    /// <returns>For example <c>Deferred&lt;Int32&gt; (result: 5)</c>.</returns>
    public override string ToString()
    {
        string name = DeferredCore.TypeName(GetType());
        if (Core.WaitingOn is { } inner)
        {
            return $"{name} (waiting on {inner.Name})";
        }

        return Core.Called ? $"{name} (result: {DeferredCore.Describe(Core.Result)})" : $"{name} (no result)";
    }
}
