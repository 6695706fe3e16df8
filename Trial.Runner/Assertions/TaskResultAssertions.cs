using FluentAssertions;
using FluentAssertions.Execution;
using FluentAssertions.Primitives;

namespace Trial.Runner;

/// <summary>FluentAssertions for a task's current outcome (they never wait): <c>task.Should().HaveSucceededWith("pong")</c>.</summary>
/// <typeparam name="T">The type of the result; <see cref="object"/> for a plain <see cref="Task"/>.</typeparam>
public sealed class TaskResultAssertions<T> : ReferenceTypeAssertions<Task, TaskResultAssertions<T>>
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="subject">The task.</param>
    public TaskResultAssertions(Task subject)
        : base(subject)
    {
    }

    /// <inheritdoc/>
    protected override string Identifier => "task";

    /// <summary>Asserts that the task has completed successfully.</summary>
    /// <param name="because">Why, for the failure message.</param>
    /// <param name="becauseArgs">Arguments for <paramref name="because"/>.</param>
    /// <returns>The constraint.</returns>
    public AndConstraint<TaskResultAssertions<T>> HaveSucceeded(string because = "", params object[] becauseArgs)
    {
        var outcome = ResultOutcome.Of(Subject);
        Execute.Assertion.BecauseOf(because, becauseArgs)
            .ForCondition(outcome.Succeeded)
            .FailWith("Expected {context:task} to have succeeded{reason}, but it " + Escape(outcome.Description) + ".");
        return new AndConstraint<TaskResultAssertions<T>>(this);
    }

    /// <summary>Asserts that the task has succeeded with a result equal to <paramref name="expected"/>.</summary>
    /// <param name="expected">The expected result.</param>
    /// <param name="because">Why, for the failure message.</param>
    /// <param name="becauseArgs">Arguments for <paramref name="because"/>.</param>
    /// <returns>The constraint, whose <c>Which</c> is the result.</returns>
    public AndWhichConstraint<TaskResultAssertions<T>, T> HaveSucceededWith(T expected, string because = "", params object[] becauseArgs)
    {
        var outcome = ResultOutcome.Of(Subject);
        bool matches = outcome.Succeeded && outcome.Value is T value && EqualityComparer<T>.Default.Equals(value, expected);
        Execute.Assertion.BecauseOf(because, becauseArgs)
            .ForCondition(matches)
            .FailWith("Expected {context:task} to have succeeded with {0}{reason}, but it " + Escape(outcome.Description) + ".", expected);
        return new AndWhichConstraint<TaskResultAssertions<T>, T>(this, outcome.Value is T result ? result : default!);
    }

    /// <summary>Asserts that the task has failed with a <typeparamref name="TException"/> (a cancelled task's is an <see cref="OperationCanceledException"/>).</summary>
    /// <typeparam name="TException">The exception type expected (or a base of it).</typeparam>
    /// <param name="because">Why, for the failure message.</param>
    /// <param name="becauseArgs">Arguments for <paramref name="because"/>.</param>
    /// <returns>The constraint, whose <c>Which</c> is the exception.</returns>
    public AndWhichConstraint<TaskResultAssertions<T>, TException> HaveFailedWith<TException>(string because = "", params object[] becauseArgs)
        where TException : Exception
    {
        var outcome = ResultOutcome.Of(Subject);
        Execute.Assertion.BecauseOf(because, becauseArgs)
            .ForCondition(outcome.Error is TException)
            .FailWith("Expected {context:task} to have failed with {0}{reason}, but it " + Escape(outcome.Description) + ".", typeof(TException));
        return new AndWhichConstraint<TaskResultAssertions<T>, TException>(this, (outcome.Error as TException)!);
    }

    /// <summary>Asserts that the task has not completed.</summary>
    /// <param name="because">Why, for the failure message.</param>
    /// <param name="becauseArgs">Arguments for <paramref name="because"/>.</param>
    /// <returns>The constraint.</returns>
    public AndConstraint<TaskResultAssertions<T>> HaveNoResult(string because = "", params object[] becauseArgs)
    {
        var outcome = ResultOutcome.Of(Subject);
        Execute.Assertion.BecauseOf(because, becauseArgs)
            .ForCondition(!outcome.HasResult)
            .FailWith("Expected {context:task} to have no result{reason}, but it " + Escape(outcome.Description) + ".");
        return new AndConstraint<TaskResultAssertions<T>>(this);
    }

    private static string Escape(string text) => text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
}
