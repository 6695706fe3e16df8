using Trial.Deferreds;

namespace Trial.Runner;

/// <summary>FluentAssertions for a <see cref="Deferred{T}"/>'s current result (they never wait): <c>deferred.Should().HaveSucceededWith(3)</c>.</summary>
/// <typeparam name="T">The type of the result.</typeparam>
public sealed class DeferredAssertions<T> : ResultAssertions<Deferred<T>, T, DeferredAssertions<T>>
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="subject">The deferred.</param>
    public DeferredAssertions(Deferred<T> subject)
        : base(subject)
    {
    }

    /// <inheritdoc/>
    protected override string Identifier => "deferred";

    /// <inheritdoc/>
    private protected override ResultOutcome Outcome => ResultOutcome.Of(Subject);
}
