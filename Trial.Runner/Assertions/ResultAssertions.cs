using FluentAssertions;
using FluentAssertions.Execution;
using FluentAssertions.Primitives;

namespace Trial.Runner;

/// <summary>
/// The assertions every asynchronous result shares, deferred or task, on its current outcome (they never wait):
/// succeeded with a value, failed with an exception type, or no result yet.
/// </summary>
/// <typeparam name="TSubject">The type of the subject: a deferred or a task.</typeparam>
/// <typeparam name="T">The type of the result.</typeparam>
/// <typeparam name="TAssertions">The concrete assertions type, returned for chaining.</typeparam>
public abstract class ResultAssertions<TSubject, T, TAssertions> : ReferenceTypeAssertions<TSubject, TAssertions>
    where TAssertions : ResultAssertions<TSubject, T, TAssertions>
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="subject">The deferred or task.</param>
    private protected ResultAssertions(TSubject subject)
        : base(subject)
    {
    }

    /// <summary>Gets the subject's outcome now.</summary>
    private protected abstract ResultOutcome Outcome { get; }

    /// <summary>Asserts that the subject has succeeded with a result equal to <paramref name="expected"/>.</summary>
    /// <param name="expected">The expected result.</param>
    /// <param name="because">Why, for the failure message.</param>
    /// <param name="becauseArgs">Arguments for <paramref name="because"/>.</param>
    /// <returns>The constraint, whose <c>Which</c> is the result.</returns>
    public AndWhichConstraint<TAssertions, T> HaveSucceededWith(T expected, string because = "", params object[] becauseArgs)
    {
        var outcome = Outcome;
        Execute.Assertion.BecauseOf(because, becauseArgs)
            .ForCondition(outcome.Succeeded && outcome.Value is T value && EqualityComparer<T>.Default.Equals(value, expected))
            .FailWith(Expected("to have succeeded with {0}{reason}", outcome), expected);
        return new AndWhichConstraint<TAssertions, T>((TAssertions)this, outcome.Value is T result ? result : default!);
    }

    /// <summary>
    /// Asserts that the subject has failed with a <typeparamref name="TException"/> (a cancelled task's is an
    /// <see cref="OperationCanceledException"/>); a deferred's failure is then handled.
    /// </summary>
    /// <typeparam name="TException">The exception type expected (or a base of it).</typeparam>
    /// <param name="because">Why, for the failure message.</param>
    /// <param name="becauseArgs">Arguments for <paramref name="because"/>.</param>
    /// <returns>The constraint, whose <c>Which</c> is the exception.</returns>
    public AndWhichConstraint<TAssertions, TException> HaveFailedWith<TException>(string because = "", params object[] becauseArgs)
        where TException : Exception
    {
        var outcome = Outcome;
        Execute.Assertion.BecauseOf(because, becauseArgs)
            .ForCondition(outcome.Error is TException)
            .FailWith(Expected("to have failed with {0}{reason}", outcome), typeof(TException));
        return new AndWhichConstraint<TAssertions, TException>((TAssertions)this, (outcome.Error as TException)!);
    }

    /// <summary>Asserts that the subject has no result yet.</summary>
    /// <param name="because">Why, for the failure message.</param>
    /// <param name="becauseArgs">Arguments for <paramref name="because"/>.</param>
    /// <returns>The constraint.</returns>
    public AndConstraint<TAssertions> HaveNoResult(string because = "", params object[] becauseArgs)
    {
        var outcome = Outcome;
        Execute.Assertion.BecauseOf(because, becauseArgs)
            .ForCondition(!outcome.HasResult)
            .FailWith(Expected("to have no result{reason}", outcome));
        return new AndConstraint<TAssertions>((TAssertions)this);
    }

    /// <summary>Builds a failure message: the expectation, then what the subject's outcome is (braces escaped).</summary>
    private protected string Expected(string expectation, ResultOutcome outcome) =>
        "Expected {context:" + Identifier + "} " + expectation + ", but it "
        + outcome.Description.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal) + ".";
}
