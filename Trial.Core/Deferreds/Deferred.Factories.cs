namespace Trial.Deferreds;

/// <content>Factories: deferreds that already have a result, and adapters from tasks and plain functions.</content>
public abstract partial class Deferred
{
    /// <summary>Returns a deferred that has already fired with <paramref name="result"/> (Twisted's <c>succeed</c>).</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="result">The result.</param>
    /// <returns>A fired deferred; callbacks added to it run at once.</returns>
    public static Deferred<T> Succeed<T>(T result)
    {
        var deferred = new Deferred<T>();
        deferred.Callback(result);
        return deferred;
    }

    /// <summary>Returns a deferred that has already failed with <paramref name="exception"/> (Twisted's <c>fail</c>).</summary>
    /// <typeparam name="T">The result type it would have had.</typeparam>
    /// <param name="exception">The exception.</param>
    /// <returns>A failed deferred.</returns>
    public static Deferred<T> Fail<T>(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Fail<T>(new Failure(exception));
    }

    /// <summary>Returns a deferred that has already failed with <paramref name="failure"/>.</summary>
    /// <typeparam name="T">The result type it would have had.</typeparam>
    /// <param name="failure">The failure.</param>
    /// <returns>A failed deferred.</returns>
    public static Deferred<T> Fail<T>(Failure failure)
    {
        var deferred = new Deferred<T>();
        deferred.Errback(failure);
        return deferred;
    }

    /// <summary>
    /// Returns a deferred that fires with the task's result, or fails with its exception (a cancelled task with its
    /// <see cref="TaskCanceledException"/>).
    /// </summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="task">The task.</param>
    /// <returns>
    /// A deferred that has already fired if the task is complete. Otherwise it fires on the
    /// <see cref="SynchronizationContext"/> that is current now (a reactor's, so it fires on the reactor loop), or,
    /// without one, on the thread that completes the task. Cancelling it cannot stop the task: it fails with
    /// <see cref="CancelledException"/> and the task's outcome is ignored.
    /// </returns>
    public static Deferred<T> FromTask<T>(Task<T> task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var deferred = new Deferred<T>();
        Observe(task, deferred.Core, () => task.GetAwaiter().GetResult());
        return deferred;
    }

    /// <summary>Returns a deferred that fires with <see langword="null"/> when the task completes; see <see cref="FromTask{T}(Task{T})"/>.</summary>
    /// <param name="task">The task.</param>
    /// <returns>The deferred.</returns>
    public static Deferred<object?> FromTask(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var deferred = new Deferred<object?>();
        Observe(task, deferred.Core, () =>
        {
            task.GetAwaiter().GetResult();
            return null;
        });
        return deferred;
    }

    /// <summary>
    /// Starts cancellable asynchronous work and returns a deferred for its result; cancelling the deferred cancels
    /// the token given to <paramref name="start"/>. This is how an <see langword="async"/> method, the C# form of
    /// Twisted's <c>inlineCallbacks</c>, becomes a cancellable deferred.
    /// </summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="start">Starts the work; it should stop when the token is cancelled.</param>
    /// <returns>
    /// The deferred. If the work does not finish while the token is being cancelled, the deferred fails with
    /// <see cref="CancelledException"/> and the work's later outcome is ignored.
    /// </returns>
    public static Deferred<T> FromTask<T>(Func<CancellationToken, Task<T>> start)
    {
        ArgumentNullException.ThrowIfNull(start);
        var cancellation = new CancellationTokenSource();
        var deferred = new Deferred<T>(_ => cancellation.Cancel());
        Task<T> task;
        try
        {
            task = start(cancellation.Token);
        }
        catch (Exception ex)
        {
            deferred.Errback(ex);
            return deferred;
        }

        Observe(task, deferred.Core, () => task.GetAwaiter().GetResult());
        return deferred;
    }

    /// <summary>
    /// Calls <paramref name="function"/> and returns its result as a deferred, or a failed one if it throws
    /// (Twisted's <c>maybeDeferred</c>). A <see cref="Failure"/> result fails the deferred; a deferred result is
    /// waited on.
    /// </summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="function">The function.</param>
    /// <returns>The deferred.</returns>
    public static Deferred<T> MaybeDeferred<T>(Func<T> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        object? result;
        try
        {
            result = function();
        }
        catch (Exception ex)
        {
            return Fail<T>(ex);
        }

        return FromResult<T>(result);
    }

    /// <summary>Calls <paramref name="function"/> and returns the deferred it returns, or a failed one if it throws.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="function">The function.</param>
    /// <returns>The deferred.</returns>
    public static Deferred<T> MaybeDeferred<T>(Func<Deferred<T>> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        try
        {
            return function() ?? Fail<T>(new InvalidOperationException("A function that returns a Deferred returned null instead."));
        }
        catch (Exception ex)
        {
            return Fail<T>(ex);
        }
    }

    /// <summary>Calls <paramref name="function"/> and returns its task as a deferred, or a failed one if it throws.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="function">The function, usually an <see langword="async"/> method.</param>
    /// <returns>The deferred; see <see cref="FromTask{T}(Task{T})"/>.</returns>
    public static Deferred<T> MaybeDeferred<T>(Func<Task<T>> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        try
        {
            return FromTask(function());
        }
        catch (Exception ex)
        {
            return Fail<T>(ex);
        }
    }

    /// <summary>Calls <paramref name="function"/> and returns its task as a deferred, or a failed one if it throws.</summary>
    /// <param name="function">The function, usually an <see langword="async"/> method.</param>
    /// <returns>The deferred, which fires with <see langword="null"/>.</returns>
    public static Deferred<object?> MaybeDeferred(Func<Task> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        try
        {
            return FromTask(function());
        }
        catch (Exception ex)
        {
            return Fail<object?>(ex);
        }
    }

    /// <summary>Wraps a callback-style result: a value, a <see cref="Failure"/> or a deferred to wait on.</summary>
    internal static Deferred<T> FromResult<T>(object? result)
    {
        if (result is Deferred<T> same)
        {
            return same;
        }

        var deferred = new Deferred<T>();
        if (result is Deferred)
        {
            deferred.Core.AddCallbacks(_ => result, null);
            deferred.Core.Fire(null);
        }
        else
        {
            deferred.Core.Fire(result);
        }

        return deferred;
    }

    private static void Observe(Task task, DeferredCore core, Func<object?> read)
    {
        if (task.IsCompleted)
        {
            Complete(core, read);
            return;
        }

        // Like an await: back on the current synchronization context if there is one; otherwise on the thread
        // that completes the task, synchronously, rather than on the thread pool.
        var context = SynchronizationContext.Current;
        if (context is not null && context.GetType() == typeof(SynchronizationContext))
        {
            context = null;
        }

        task.ContinueWith(
            _ =>
            {
                if (context is null)
                {
                    Complete(core, read);
                }
                else
                {
                    context.Post(_ => Complete(core, read), null);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private static void Complete(DeferredCore core, Func<object?> read)
    {
        object? result;
        try
        {
            result = read();
        }
        catch (Exception ex)
        {
            result = new Failure(ex);
        }

        core.FireUnlessCalled(result);
    }
}
