namespace Trial.Deferreds;

/// <summary>
/// The failure of a combinator whose deferreds all failed, such as <see cref="Deferred.Race{T}"/> (Twisted's
/// <c>FailureGroup</c>). It is an <see cref="AggregateException"/> of their exceptions, in list order.
/// </summary>
public sealed class FailureGroupException : AggregateException
{
    /// <summary>Initializes a new instance holding <paramref name="failures"/>.</summary>
    /// <param name="failures">Every failure, in the order of the deferreds that produced them.</param>
    public FailureGroupException(IReadOnlyList<Failure> failures)
        : base($"All {(failures ?? throw new ArgumentNullException(nameof(failures))).Count} Deferreds failed.", failures.Select(static f => f.Exception))
    {
        Failures = failures;
    }

    /// <summary>Gets every failure, in the order of the deferreds that produced them.</summary>
    public IReadOnlyList<Failure> Failures { get; }
}
