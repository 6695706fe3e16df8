namespace Trial.Deferreds;

/// <summary>How one deferred of a <see cref="DeferredList"/> ended: Twisted's <c>(success, result)</c> pair.</summary>
/// <typeparam name="T">The deferred's result type.</typeparam>
/// <param name="Succeeded">Whether it fired with a result rather than a failure.</param>
/// <param name="Value">The result, when it succeeded.</param>
/// <param name="Failure">The failure, when it failed.</param>
public readonly record struct DeferredResult<T>(bool Succeeded, T? Value, Failure? Failure)
{
    /// <summary>Returns a successful outcome.</summary>
    /// <param name="value">The result.</param>
    /// <returns>The outcome.</returns>
    public static DeferredResult<T> Success(T value) => new(true, value, null);

    /// <summary>Returns a failed outcome.</summary>
    /// <param name="failure">The failure.</param>
    /// <returns>The outcome.</returns>
    public static DeferredResult<T> Failed(Failure failure) => new(false, default, failure ?? throw new ArgumentNullException(nameof(failure)));
}
