namespace Trial.Deferreds;

/// <summary>Thrown by <see cref="DeferredQueue{T}.Put"/> when the queue already holds its <c>size</c> of items (Twisted's <c>QueueOverflow</c>).</summary>
public sealed class QueueOverflowException : InvalidOperationException
{
    /// <summary>Initializes a new instance with a default message.</summary>
    public QueueOverflowException()
        : base("The queue is full.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What overflowed.</param>
    public QueueOverflowException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and inner exception.</summary>
    /// <param name="message">What overflowed.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public QueueOverflowException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
