using System.Reflection;
using System.Runtime.ExceptionServices;
using Trial.Deferreds;
using Trial.Runner.Sdk;

namespace Trial.Runner.Running;

/// <summary>
/// One run of a reactor test, whatever the mode: attach the test to its context, let the mode run the body and the
/// cleanups on its reactor, then check that nothing was left behind. Never throws: every problem is returned.
/// </summary>
internal abstract class ReactorRun(ReactorTestContext context)
{
    protected ReactorTestContext Context { get; } = context;

    /// <summary>Runs the test and returns what failed it, in order.</summary>
    internal async Task<IReadOnlyList<Exception>> ExecuteAsync(TestCase instance, Func<object?> call)
    {
        instance.Attach(Context);
        var errors = new List<Exception>();
        var leftovers = new List<Leftover>();
        try
        {
            await RunAsync(instance, call, errors, leftovers);
        }
        catch (Exception e)
        {
            errors.Add(e);
        }

        // Deferreds that fail unhandled report from their finalizers: collect now, so a leak fails the test that made
        // it. Only a chain that holds an unhandled failure can report, so with none there is nothing to collect for.
        if (FailureTracker.AnyArmed)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        leftovers.AddRange(Leftovers.FromLog(Context));
        if (leftovers.Count > 0 && Context.Settings.CheckClean)
        {
            errors.Add(new UncleanReactorException(Leftovers.Describe(Context, leftovers)));
        }

        return Finish(errors);
    }

    /// <summary>Runs set-up, the test method and tear-down on the reactor, then the cleanups, then lists and cleans the leftovers.</summary>
    protected abstract Task RunAsync(TestCase instance, Func<object?> call, List<Exception> errors, List<Leftover> leftovers);

    /// <summary>Turns the run's errors into what the test reports; simulated runs add what replays them.</summary>
    protected virtual IReadOnlyList<Exception> Finish(List<Exception> errors) => errors;

    /// <summary>The body of a reactor test, as one task started on the reactor.</summary>
    protected static async Task RunBodyAsync(TestCase instance, Func<object?> call)
    {
        await instance.RunSetUpAsync();
        ExceptionDispatchInfo? failure = null;
        try
        {
            await ToTask(Invoke(call));
        }
        catch (Exception e)
        {
            failure = ExceptionDispatchInfo.Capture(e);
        }

        try
        {
            await instance.RunTearDownAsync();
        }
        catch (Exception e) when (failure is not null)
        {
            failure = ExceptionDispatchInfo.Capture(new AggregateException(failure.SourceException, e));
        }

        failure?.Throw();
    }

    private static object? Invoke(Func<object?> call)
    {
        try
        {
            return call();
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    private static Task ToTask(object? result)
    {
        switch (result)
        {
            case null:
                return Task.CompletedTask;
            case Task { Status: TaskStatus.Created }:
                throw new InvalidOperationException("The test method returned a Task that was never started; return a running task (an async method's).");
            case Task task:
                return task;
            case ValueTask valueTask:
                return valueTask.AsTask();
            case Deferred deferred:
                var completion = new TaskCompletionSource();
                deferred.AddBoth(r =>
                {
                    if (r is Failure failure)
                    {
                        completion.TrySetException(failure.Exception);
                        return null;
                    }

                    completion.TrySetResult();
                    return r;
                });
                return completion.Task;
            default:
                var asTask = result.GetType().GetMethod(nameof(ValueTask<int>.AsTask), Type.EmptyTypes);
                return asTask?.Invoke(result, null) as Task ?? Task.CompletedTask;
        }
    }
}
