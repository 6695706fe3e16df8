namespace Trial.Deferreds;

/// <summary>Thrown by <see cref="DeferredQueue{T}.Get"/> when its <c>backlog</c> of waiting gets is already full (Twisted's <c>QueueUnderflow</c>).</summary>
public sealed class QueueUnderflowException : InvalidOperationException
{
    /// <summary>Initializes a new instance with a default message.</summary>
    public QueueUnderflowException()
        : base("Too many gets are already waiting on the queue.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What underflowed.</param>
    public QueueUnderflowException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and inner exception.</summary>
    /// <param name="message">What underflowed.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public QueueUnderflowException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
