using Trial.Deferreds;
using Trial.Logging;
using Trial.Runner.Running;
using Xunit.Sdk;

namespace Trial.Runner;

/// <summary>
/// Twisted's test helpers as static methods, for any test: <c>[Fact]</c>, <c>[Theory]</c> or a reactor test.
/// <see cref="TestCase"/> has the same members. The result helpers look at a result that is already there (they
/// never wait); the others act on the test running in the current flow.
/// </summary>
public static class TestHelpers
{
    private static readonly object NoResult = new();

    /// <summary>Returns the deferred's result, failing the test if it has none yet or has a failure (which is then handled).</summary>
    /// <typeparam name="T">The type of the result.</typeparam>
    /// <param name="deferred">The deferred.</param>
    /// <returns>The result.</returns>
    public static T SuccessResultOf<T>(Deferred<T> deferred)
    {
        ArgumentNullException.ThrowIfNull(deferred);
        object? result = Peek(deferred, consumeFailure: true);
        return result switch
        {
            _ when result == NoResult => throw new XunitException($"Expected the {Name(deferred)} to have a result, but it has none yet."),
            Failure failure => throw new XunitException($"Expected the {Name(deferred)} to succeed, but it failed with {failure}"),
            T value => value,
            null when default(T) is null => default!,
            _ => throw new XunitException(
                $"Expected the {Name(deferred)} to succeed with a result of type {DeferredCore.TypeName(typeof(T))}, but its result is {DeferredCore.Describe(result)}: " +
                "a callback or errback on the chain replaced it (an errback that handles a failure and returns null leaves null)."),
        };
    }

    /// <summary>Returns the task's result, failing the test if it has not completed or did not succeed.</summary>
    /// <typeparam name="T">The type of the result.</typeparam>
    /// <param name="task">The task.</param>
    /// <returns>The result.</returns>
    public static T SuccessResultOf<T>(Task<T> task)
    {
        SuccessResultOf((Task)task);
        return task.Result;
    }

    /// <summary>Fails the test unless the task has completed successfully.</summary>
    /// <param name="task">The task.</param>
    public static void SuccessResultOf(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!task.IsCompleted)
        {
            throw new XunitException($"Expected the task to have a result, but it is still {task.Status}.");
        }

        if (!task.IsCompletedSuccessfully)
        {
            throw new XunitException($"Expected the task to succeed, but it {(task.IsCanceled ? "was cancelled" : "failed")} with {Outcome(task)}");
        }
    }

    /// <summary>Returns the value task's result, failing the test if it has not completed or did not succeed.</summary>
    /// <typeparam name="T">The type of the result.</typeparam>
    /// <param name="task">The value task; read it only once, as with any value task.</param>
    /// <returns>The result.</returns>
    public static T SuccessResultOf<T>(ValueTask<T> task) => SuccessResultOf(task.AsTask());

    /// <summary>Fails the test unless the value task has completed successfully.</summary>
    /// <param name="task">The value task; read it only once.</param>
    public static void SuccessResultOf(ValueTask task) => SuccessResultOf(task.AsTask());

    /// <summary>Returns the exception the deferred failed with, failing the test if it has no result, succeeded, or failed otherwise. The failure is handled.</summary>
    /// <typeparam name="TException">The exception type expected (or a base of it).</typeparam>
    /// <param name="deferred">The deferred (of any result type).</param>
    /// <returns>The exception.</returns>
    public static TException FailureResultOf<TException>(Deferred deferred)
        where TException : Exception
    {
        ArgumentNullException.ThrowIfNull(deferred);
        object? result = Peek(deferred, consumeFailure: true);
        return result switch
        {
            _ when result == NoResult => throw new XunitException($"Expected the {Name(deferred)} to have failed with {typeof(TException).Name}, but it has no result yet."),
            Failure { Exception: TException expected } => expected,
            Failure failure => throw new XunitException($"Expected the {Name(deferred)} to have failed with {typeof(TException).Name}, but it failed with {failure}"),
            _ => throw new XunitException($"Expected the {Name(deferred)} to have failed with {typeof(TException).Name}, but it succeeded with {result ?? "null"}."),
        };
    }

    /// <summary>Returns the exception the task failed with (a cancelled task's is an <see cref="OperationCanceledException"/>), failing the test otherwise.</summary>
    /// <typeparam name="TException">The exception type expected (or a base of it).</typeparam>
    /// <param name="task">The task.</param>
    /// <returns>The exception.</returns>
    public static TException FailureResultOf<TException>(Task task)
        where TException : Exception
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!task.IsCompleted)
        {
            throw new XunitException($"Expected the task to have failed with {typeof(TException).Name}, but it is still {task.Status}.");
        }

        return Outcome(task) switch
        {
            TException expected => expected,
            null => throw new XunitException($"Expected the task to have failed with {typeof(TException).Name}, but it succeeded."),
            var other => throw new XunitException($"Expected the task to have failed with {typeof(TException).Name}, but it failed with {other}"),
        };
    }

    /// <summary>Returns the exception the value task failed with, failing the test otherwise.</summary>
    /// <typeparam name="TException">The exception type expected (or a base of it).</typeparam>
    /// <param name="task">The value task; read it only once.</param>
    /// <returns>The exception.</returns>
    public static TException FailureResultOf<TException>(ValueTask task)
        where TException : Exception => FailureResultOf<TException>(task.AsTask());

    /// <summary>Fails the test if the deferred has a result; a failure found this way is handled.</summary>
    /// <param name="deferred">The deferred.</param>
    public static void AssertNoResult(Deferred deferred)
    {
        ArgumentNullException.ThrowIfNull(deferred);
        object? result = Peek(deferred, consumeFailure: true);
        if (result != NoResult)
        {
            throw new XunitException($"Expected the {Name(deferred)} to have no result, but it has {result ?? "null"}.");
        }
    }

    /// <summary>Fails the test if the task has completed.</summary>
    /// <param name="task">The task.</param>
    public static void AssertNoResult(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.IsCompleted)
        {
            throw new XunitException($"Expected the task to have no result, but it is {task.Status}{(task.IsCompletedSuccessfully ? "" : $" with {Outcome(task)}")}.");
        }
    }

    /// <summary>Fails the test if the value task has completed.</summary>
    /// <param name="task">The value task.</param>
    public static void AssertNoResult(ValueTask task) => AssertNoResult(task.AsTask());

    /// <summary>Fails the test if the value task has completed.</summary>
    /// <typeparam name="T">The type of the result.</typeparam>
    /// <param name="task">The value task.</param>
    public static void AssertNoResult<T>(ValueTask<T> task) => AssertNoResult(task.AsTask());

    /// <summary>Removes the errors of type <typeparamref name="TException"/> logged so far by the current test (including unhandled deferred failures), so they do not fail it.</summary>
    /// <typeparam name="TException">The exception type to flush (or a base of it).</typeparam>
    /// <returns>The flushed events, oldest first.</returns>
    /// <exception cref="InvalidOperationException">No Trial test is running in this flow.</exception>
    public static IReadOnlyList<LogEvent> FlushLoggedErrors<TException>()
        where TException : Exception => Current.Capture.Flush<TException>();

    /// <summary>Runs <paramref name="cleanup"/> after the current test (after its tear-down), last added first.</summary>
    /// <param name="cleanup">The cleanup.</param>
    /// <exception cref="InvalidOperationException">No Trial test is running in this flow.</exception>
    public static void AddCleanup(Action cleanup) => Current.AddCleanup(cleanup);

    /// <summary>Runs and awaits <paramref name="cleanup"/> after the current test (on its reactor, for a reactor test), last added first.</summary>
    /// <param name="cleanup">The cleanup.</param>
    /// <exception cref="InvalidOperationException">No Trial test is running in this flow.</exception>
    public static void AddCleanup(Func<Task> cleanup) => Current.AddCleanup(cleanup);

    /// <summary>Sets a field or property for the rest of the current test and restores its old value at cleanup.</summary>
    /// <typeparam name="T">The member's type.</typeparam>
    /// <param name="member">The member, as <c>() =&gt; Settings.Retries</c> or <c>() =&gt; client.Timeout</c>.</param>
    /// <param name="value">The value to set.</param>
    /// <exception cref="ArgumentException">The expression is not a settable field or property.</exception>
    /// <exception cref="InvalidOperationException">No Trial test is running in this flow.</exception>
    public static void Patch<T>(System.Linq.Expressions.Expression<Func<T>> member, T value) => Current.Patch(member, value);

    /// <summary>Returns a path unique to this call, in a new folder that is deleted after the current test; the path itself does not exist yet.</summary>
    /// <returns>The path.</returns>
    /// <exception cref="InvalidOperationException">No Trial test is running in this flow.</exception>
    public static string MkTemp() => Current.MakeTemp();

    internal static ReactorTestContext Current => ReactorTestContext.Current ?? throw new InvalidOperationException(
        "No Trial test is running here. This helper works in [ReactorFact] and [ReactorTheory] tests, and in [Fact] and [Theory] tests of a class that derives from Trial.Runner.TestCase.");

    /// <summary>Names a deferred by its type: its text would show the result as it is after the helper looked.</summary>
    private static string Name(Deferred deferred) => DeferredCore.TypeName(deferred.GetType());

    private static object? Peek(Deferred deferred, bool consumeFailure)
    {
        object? result = NoResult;
        deferred.AddBoth(r =>
        {
            result = r;
            return r is Failure && consumeFailure ? null : r;
        });
        return result;
    }

    /// <summary>Returns the exception a completed task ends with, or <see langword="null"/> when it succeeded.</summary>
    private static Exception? Outcome(Task task)
    {
        try
        {
            task.GetAwaiter().GetResult();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
