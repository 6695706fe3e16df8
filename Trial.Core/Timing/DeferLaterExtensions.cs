using Trial.Deferreds;
using Trial.Time;

namespace Trial.Timing;

/// <summary>Twisted's <c>deferLater</c>: a deferred for work done after a delay on a reactor's time.</summary>
public static class DeferLaterExtensions
{
    /// <summary>Returns a deferred that fires with <see langword="null"/> once <paramref name="delay"/> has passed.</summary>
    /// <param name="time">Whose time to wait on.</param>
    /// <param name="delay">How long to wait.</param>
    /// <returns>The deferred; cancelling it cancels the delayed call and fails it with <see cref="CancelledException"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The delay is negative.</exception>
    public static Deferred<object?> DeferLater(this IReactorTime time, TimeSpan delay) =>
        Schedule<object?>(time, delay, static () => null);

    /// <summary>Returns a deferred that fires with <paramref name="function"/>'s result once <paramref name="delay"/> has passed.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="time">Whose time to wait on.</param>
    /// <param name="delay">How long to wait.</param>
    /// <param name="function">The work; if it throws, the deferred fails with the exception.</param>
    /// <returns>The deferred; cancelling it before the delay cancels the call, so the work never runs.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The delay is negative.</exception>
    public static Deferred<T> DeferLater<T>(this IReactorTime time, TimeSpan delay, Func<T> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Schedule<T>(time, delay, () => function());
    }

    /// <summary>
    /// Returns a deferred that waits <paramref name="delay"/>, then runs <paramref name="function"/> and waits for the
    /// deferred it returns.
    /// </summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="time">Whose time to wait on.</param>
    /// <param name="delay">How long to wait.</param>
    /// <param name="function">Starts the work.</param>
    /// <returns>The deferred; cancelling it before the delay cancels the call, after it cancels the work's deferred.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The delay is negative.</exception>
    public static Deferred<T> DeferLater<T>(this IReactorTime time, TimeSpan delay, Func<Deferred<T>> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Schedule<T>(time, delay, () => function());
    }

    /// <summary>Returns a deferred that runs <paramref name="action"/> once <paramref name="delay"/> has passed, then fires with <see langword="null"/>.</summary>
    /// <param name="time">Whose time to wait on.</param>
    /// <param name="delay">How long to wait.</param>
    /// <param name="action">The work; if it throws, the deferred fails with the exception.</param>
    /// <returns>The deferred; cancelling it before the delay cancels the call, so the work never runs.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The delay is negative.</exception>
    public static Deferred<object?> DeferLater(this IReactorTime time, TimeSpan delay, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Schedule<object?>(time, delay, () =>
        {
            action();
            return null;
        });
    }

    private static Deferred<T> Schedule<T>(IReactorTime time, TimeSpan delay, Func<object?> work)
    {
        ArgumentNullException.ThrowIfNull(time);
        IDelayedCall? call = null;
        var deferred = new Deferred<T>(_ => call!.Cancel());

        // The work runs as the first callback, so a throw becomes the failure and a returned deferred is waited on.
        deferred.Core.AddCallbacks(_ => work(), null);
        call = time.CallLater(delay, () => deferred.Core.Fire(null));
        return deferred;
    }
}
