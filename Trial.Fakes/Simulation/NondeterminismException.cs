namespace Trial.Fakes.Simulation;

/// <summary>A scenario run twice with one seed gave two different traces.</summary>
public sealed class NondeterminismException : Exception
{
    /// <summary>Initializes a new instance with a default message.</summary>
    public NondeterminismException()
        : base("A scenario run twice with one seed gave two different traces.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What happened.</param>
    public NondeterminismException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and the exception that caused it.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public NondeterminismException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance from the failing result.</summary>
    /// <param name="result">The seed's result, with its first difference.</param>
    public NondeterminismException(DeterminismResult result)
        : base((result ?? throw new ArgumentNullException(nameof(result))).ToString()) => Result = result;

    /// <summary>Gets the failing seed's result, when the exception was made from one.</summary>
    public DeterminismResult? Result { get; }
}
