using FluentAssertions;
using FluentAssertions.Execution;
using FluentAssertions.Primitives;
using Trial.Deferreds;

namespace Trial.Runner;

/// <summary>FluentAssertions for a <see cref="Deferred{T}"/>'s current result (they never wait): <c>deferred.Should().HaveSucceededWith(3)</c>.</summary>
/// <typeparam name="T">The type of the result.</typeparam>
public sealed class DeferredAssertions<T> : ReferenceTypeAssertions<Deferred<T>, DeferredAssertions<T>>
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="subject">The deferred.</param>
    public DeferredAssertions(Deferred<T> subject)
        : base(subject)
    {
    }

    /// <inheritdoc/>
    protected override string Identifier => "deferred";

    /// <summary>Asserts that the deferred has succeeded with a result equal to <paramref name="expected"/>.</summary>
    /// <param name="expected">The expected result.</param>
    /// <param name="because">Why, for the failure message.</param>
    /// <param name="becauseArgs">Arguments for <paramref name="because"/>.</param>
    /// <returns>The constraint, whose <c>Which</c> is the result.</returns>
    public AndWhichConstraint<DeferredAssertions<T>, T> HaveSucceededWith(T expected, string because = "", params object[] becauseArgs)
    {
        var outcome = ResultOutcome.Of(Subject);
        Execute.Assertion.BecauseOf(because, becauseArgs)
            .ForCondition(outcome.Succeeded && outcome.Value is T value && EqualityComparer<T>.Default.Equals(value, expected))
            .FailWith("Expected {context:deferred} to have succeeded with {0}{reason}, but it " + Escape(outcome.Description) + ".", expected);
        return new AndWhichConstraint<DeferredAssertions<T>, T>(this, outcome.Value is T result ? result : default!);
    }

    /// <summary>Asserts that the deferred has failed with a <typeparamref name="TException"/>; the failure is then handled.</summary>
    /// <typeparam name="TException">The exception type expected (or a base of it).</typeparam>
    /// <param name="because">Why, for the failure message.</param>
    /// <param name="becauseArgs">Arguments for <paramref name="because"/>.</param>
    /// <returns>The constraint, whose <c>Which</c> is the exception.</returns>
    public AndWhichConstraint<DeferredAssertions<T>, TException> HaveFailedWith<TException>(string because = "", params object[] becauseArgs)
        where TException : Exception
    {
        var outcome = ResultOutcome.Of(Subject);
        Execute.Assertion.BecauseOf(because, becauseArgs)
            .ForCondition(outcome.Error is TException)
            .FailWith("Expected {context:deferred} to have failed with {0}{reason}, but it " + Escape(outcome.Description) + ".", typeof(TException));
        return new AndWhichConstraint<DeferredAssertions<T>, TException>(this, (outcome.Error as TException)!);
    }

    /// <summary>Asserts that the deferred has no result yet.</summary>
    /// <param name="because">Why, for the failure message.</param>
    /// <param name="becauseArgs">Arguments for <paramref name="because"/>.</param>
    /// <returns>The constraint.</returns>
    public AndConstraint<DeferredAssertions<T>> HaveNoResult(string because = "", params object[] becauseArgs)
    {
        var outcome = ResultOutcome.Of(Subject);
        Execute.Assertion.BecauseOf(because, becauseArgs)
            .ForCondition(!outcome.HasResult)
            .FailWith("Expected {context:deferred} to have no result{reason}, but it " + Escape(outcome.Description) + ".");
        return new AndConstraint<DeferredAssertions<T>>(this);
    }

    private static string Escape(string text) => text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
}
