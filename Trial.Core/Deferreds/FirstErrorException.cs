namespace Trial.Deferreds;

/// <summary>
/// The failure of a <see cref="DeferredList"/> with <c>fireOnOneErrback</c>, or of
/// <see cref="Deferred.GatherResults{T}"/>: the first of its deferreds failed (Twisted's <c>FirstError</c>).
/// </summary>
public sealed class FirstErrorException : Exception
{
    /// <summary>Initializes a new instance for the deferred at <paramref name="index"/>, which failed with <paramref name="failure"/>.</summary>
    /// <param name="failure">The first failure.</param>
    /// <param name="index">The position of the failed deferred in the list.</param>
    public FirstErrorException(Failure failure, int index)
        : base($"The Deferred at index {index} failed first, with {(failure ?? throw new ArgumentNullException(nameof(failure))).Type.Name}: {failure.Message}", failure.Exception)
    {
        Failure = failure;
        Index = index;
    }

    /// <summary>Gets the first failure.</summary>
    public Failure Failure { get; }

    /// <summary>Gets the position of the failed deferred in the list.</summary>
    public int Index { get; }
}
