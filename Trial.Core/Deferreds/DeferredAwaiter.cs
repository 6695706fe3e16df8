using System.Runtime.CompilerServices;

namespace Trial.Deferreds;

/// <summary>The awaiter that makes <c>await deferred</c> work; see <see cref="Deferred{T}.GetAwaiter"/>.</summary>
/// <typeparam name="T">The deferred's result type.</typeparam>
public sealed class DeferredAwaiter<T> : ICriticalNotifyCompletion
{
    private readonly DeferredCore _core;
    private object? _result;
    private bool _hasResult;

    internal DeferredAwaiter(DeferredCore core) => _core = core;

    /// <summary>Gets a value indicating whether the result is already there, so that <c>await</c> continues at once.</summary>
    public bool IsCompleted => _hasResult || _core.IsSettled;

    /// <summary>Returns the result, or rethrows the failure's exception with its original stack.</summary>
    /// <returns>The result.</returns>
    /// <exception cref="InvalidOperationException">The deferred has no result yet.</exception>
    public T GetResult()
    {
        if (!_hasResult)
        {
            if (!_core.IsSettled)
            {
                throw new InvalidOperationException($"{_core.Name} has no result yet; await it rather than reading the result.");
            }

            _result = _core.Result;
            _hasResult = true;
        }

        if (_result is Failure failure)
        {
            _core.MarkObserved(failure);
            failure.Throw();
        }

        return DeferredCore.Cast<T>(_result);
    }

    /// <summary>Schedules <paramref name="continuation"/> for when the result arrives, flowing the execution context.</summary>
    /// <param name="continuation">What runs after the <c>await</c>.</param>
    public void OnCompleted(Action continuation) => Register(continuation, ExecutionContext.Capture());

    /// <summary>Schedules <paramref name="continuation"/> for when the result arrives; the caller flows the execution context.</summary>
    /// <param name="continuation">What runs after the <c>await</c>.</param>
    public void UnsafeOnCompleted(Action continuation) => Register(continuation, null);

    private static void Run(object? state)
    {
        var (continuation, executionContext) = ((Action, ExecutionContext?))state!;
        if (executionContext is null)
        {
            continuation();
        }
        else
        {
            ExecutionContext.Run(executionContext, static action => ((Action)action!)(), continuation);
        }
    }

    private void Register(Action continuation, ExecutionContext? executionContext)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        var context = SynchronizationContext.Current;
        if (context is not null && context.GetType() == typeof(SynchronizationContext))
        {
            // The default context posts to the thread pool, which would make awaiting code nondeterministic.
            context = null;
        }

        _core.AddCallbacks(Arrived, Arrived);

        object? Arrived(object? result)
        {
            _result = result;
            _hasResult = true;
            if (result is Failure failure)
            {
                _core.MarkObserved(failure);
            }

            object state = (continuation, executionContext);
            if (context is null)
            {
                Run(state);
            }
            else
            {
                context.Post(Run, state);
            }

            return result;
        }
    }
}
