using Trial.Sockets;

namespace Trial.Reactors;

/// <summary>Runs work on any reactor's loop from any thread, and completes tasks the way that reactor's async code expects.</summary>
internal static class ReactorInvocation
{
    /// <summary>
    /// Gets whether tasks a reactor completes should run their continuations inline: on a virtual-time reactor
    /// they must, or a continuation without a synchronization context would leave for the thread pool and run
    /// at no definite virtual time; on the real socket reactor they must not, or user code would run on (and
    /// could block) the loop's thread.
    /// </summary>
    internal static bool InlinesContinuations(IReactor reactor) => reactor is not SocketReactor;

    /// <summary>Makes a completion source for a task <paramref name="reactor"/> completes on its loop.</summary>
    internal static TaskCompletionSource<T> NewCompletion<T>(IReactor reactor) =>
        new(InlinesContinuations(reactor) ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Gets whether the caller runs on <paramref name="reactor"/>'s loop (its synchronization context is current).</summary>
    internal static bool OnLoop(IReactor reactor) => SynchronizationContext.Current == reactor.SynchronizationContext;

    /// <summary>Runs <paramref name="func"/> on the loop (at once when the caller is on it) and completes with its result or exception.</summary>
    internal static Task<T> InvokeAsync<T>(IReactor reactor, Func<T> func)
    {
        if (OnLoop(reactor))
        {
            try
            {
                return Task.FromResult(func());
            }
            catch (Exception e)
            {
                return Task.FromException<T>(e);
            }
        }

        var completion = NewCompletion<T>(reactor);
        reactor.CallFromThread(() =>
        {
            try
            {
                completion.SetResult(func());
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }
        });
        return completion.Task;
    }

    /// <summary>Runs <paramref name="action"/> on the loop (at once when the caller is on it) and completes when it has run.</summary>
    internal static Task InvokeAsync(IReactor reactor, Action action) => InvokeAsync(reactor, () =>
    {
        action();
        return true;
    });
}
