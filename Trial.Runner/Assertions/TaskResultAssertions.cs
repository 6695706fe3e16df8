using FluentAssertions;
using FluentAssertions.Execution;

namespace Trial.Runner;

/// <summary>FluentAssertions for a task's current outcome (they never wait): <c>task.Should().HaveSucceededWith("pong")</c>.</summary>
/// <typeparam name="T">The type of the result; <see cref="object"/> for a plain <see cref="Task"/>.</typeparam>
public sealed class TaskResultAssertions<T> : ResultAssertions<Task, T, TaskResultAssertions<T>>
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="subject">The task.</param>
    public TaskResultAssertions(Task subject)
        : base(subject)
    {
    }

    /// <inheritdoc/>
    protected override string Identifier => "task";

    /// <inheritdoc/>
    private protected override ResultOutcome Outcome => ResultOutcome.Of(Subject);

    /// <summary>Asserts that the task has completed successfully.</summary>
    /// <param name="because">Why, for the failure message.</param>
    /// <param name="becauseArgs">Arguments for <paramref name="because"/>.</param>
    /// <returns>The constraint.</returns>
    public AndConstraint<TaskResultAssertions<T>> HaveSucceeded(string because = "", params object[] becauseArgs)
    {
        var outcome = Outcome;
        Execute.Assertion.BecauseOf(because, becauseArgs)
            .ForCondition(outcome.Succeeded)
            .FailWith(Expected("to have succeeded{reason}", outcome));
        return new AndConstraint<TaskResultAssertions<T>>(this);
    }
}
