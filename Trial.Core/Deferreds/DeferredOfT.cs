namespace Trial.Deferreds;

/// <summary>
/// A result of type <typeparamref name="T"/> that is not there yet, with a chain of callbacks to run once it is:
/// Twisted's <c>Deferred</c> with C# typing on top. See <see cref="Deferred"/> for the semantics.
/// </summary>
/// <typeparam name="T">The type of the chain's result at this handle.</typeparam>
/// <remarks>
/// <para>
/// Two families of methods add to the chain. The typed builders (<see cref="Then{TNext}(Func{T, TNext})"/>,
/// <see cref="Catch{TException}(Func{TException, T})"/>, <see cref="Finally"/>) are what C# code usually wants. The
/// Twisted-style methods inherited from <see cref="Deferred"/> (<see cref="Deferred.AddCallback"/>,
/// <see cref="Deferred.AddErrback"/>, <see cref="Deferred.AddBoth"/>, <see cref="Deferred.AddCallbacks"/>) take and
/// return <see langword="object"/>, so that one variable can collect a whole chain as in Twisted, and a callback can
/// return anything, including a <see cref="Failure"/> (which switches to the errbacks) or another deferred (which
/// the chain waits on).
/// </para>
/// <para>
/// Every builder adds to this chain and returns a handle on it; none creates a separate deferred. A deferred is
/// awaitable (<see cref="GetAwaiter"/>), so an <see langword="async"/> method is the C# form of Twisted's
/// <c>inlineCallbacks</c>: <c>await</c> each deferred in turn, and wrap the method's task with
/// <see cref="Deferred.FromTask{T}(Task{T})"/> when a deferred is needed back.
/// </para>
/// </remarks>
public sealed partial class Deferred<T> : Deferred
{
    /// <summary>Initializes a deferred with no canceller: cancelling it fails it with <see cref="CancelledException"/>.</summary>
    public Deferred()
        : base(new DeferredCore(typeof(T)))
    {
    }

    /// <summary>Initializes a deferred whose <see cref="Deferred.Cancel"/> calls <paramref name="canceller"/> while it has not fired.</summary>
    /// <param name="canceller">
    /// Stops the work that would produce the result. It may fire the deferred (with a result or a failure); if it
    /// does not, the deferred fails with <see cref="CancelledException"/>.
    /// </param>
    public Deferred(Action<Deferred<T>>? canceller)
        : this()
    {
        if (canceller is not null)
        {
            Core.Canceller = () => canceller(this);
        }
    }

    internal Deferred(DeferredCore core)
        : base(core)
    {
    }

    /// <summary>Fires the deferred with <paramref name="result"/>, running the callback chain.</summary>
    /// <param name="result">The result; a <see cref="Failure"/> runs the errback chain instead.</param>
    /// <exception cref="Time.AlreadyCalledException">The deferred was already fired.</exception>
    /// <exception cref="ArgumentException">
    /// The result is a deferred (return it from a callback to chain), or this handle is typed for a later stage of a
    /// chain that starts with another type.
    /// </exception>
    public void Callback(T result)
    {
        var input = Core.InputType;
        if (typeof(T) != input && !Accepts(input, result))
        {
            throw new ArgumentException(
                $"This Deferred<{DeferredCore.TypeName(typeof(T))}> is a later stage of a chain that starts with {Core.Name}; fire that one, with a {DeferredCore.TypeName(input)}, not {DeferredCore.Describe(result)}.",
                nameof(result));
        }

        Core.Fire(result);
    }

    /// <summary>Adds a callback that maps the result to a <typeparamref name="TNext"/>; failures pass it by.</summary>
    /// <typeparam name="TNext">The type of the new result.</typeparam>
    /// <param name="callback">Maps the result; if it throws, the chain switches to its errbacks.</param>
    /// <returns>A handle on this chain, typed for the new result.</returns>
    public Deferred<TNext> Then<TNext>(Func<T, TNext> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        Core.AddCallbacks(result => callback(DeferredCore.Cast<T>(result)), null);
        return new Deferred<TNext>(Core);
    }

    /// <summary>
    /// Adds a callback that starts more asynchronous work: the chain waits for the returned deferred and continues
    /// with its result (or failure). Failures pass the callback by.
    /// </summary>
    /// <typeparam name="TNext">The type of the new result.</typeparam>
    /// <param name="callback">Starts the next step.</param>
    /// <returns>A handle on this chain, typed for the new result.</returns>
    public Deferred<TNext> Then<TNext>(Func<T, Deferred<TNext>> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        Core.AddCallbacks(result => (object?)callback(DeferredCore.Cast<T>(result)) ?? NullDeferred(), null);
        return new Deferred<TNext>(Core);
    }

    /// <summary>
    /// Adds an errback that recovers from a <typeparamref name="TException"/> (or a subclass) with a value; other
    /// failures and successful results pass it by.
    /// </summary>
    /// <typeparam name="TException">The exception type to recover from.</typeparam>
    /// <param name="handler">Turns the exception into a result; if it throws, the chain carries that failure instead.</param>
    /// <returns>This handle.</returns>
    public Deferred<T> Catch<TException>(Func<TException, T> handler)
        where TException : Exception
    {
        ArgumentNullException.ThrowIfNull(handler);
        Core.AddCallbacks(null, result => ((Failure)result!).Exception is TException matched ? handler(matched) : result);
        return this;
    }

    /// <summary>
    /// Adds an errback that recovers from a <typeparamref name="TException"/> with more asynchronous work: the chain
    /// waits for the returned deferred. Other failures and successful results pass it by.
    /// </summary>
    /// <typeparam name="TException">The exception type to recover from.</typeparam>
    /// <param name="handler">Starts the recovery.</param>
    /// <returns>This handle.</returns>
    public Deferred<T> Catch<TException>(Func<TException, Deferred<T>> handler)
        where TException : Exception
    {
        ArgumentNullException.ThrowIfNull(handler);
        Core.AddCallbacks(null, result => ((Failure)result!).Exception is TException matched ? (object?)handler(matched) ?? NullDeferred() : result);
        return this;
    }

    /// <summary>Adds an action that runs whatever the result, leaving the result (or failure) as it was.</summary>
    /// <param name="action">The action; if it throws, the chain carries that failure instead.</param>
    /// <returns>This handle.</returns>
    public Deferred<T> Finally(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Core.AddCallbacks(Passing, Passing);
        return this;

        object? Passing(object? result)
        {
            action();
            return result;
        }
    }

    private static bool Accepts(Type type, object? value) =>
        value is null ? !type.IsValueType || Nullable.GetUnderlyingType(type) is not null : type.IsInstanceOfType(value);

    private static Failure NullDeferred() =>
        new(new InvalidOperationException("A callback that returns a Deferred returned null instead."));
}
