namespace Trial.Fakes.Memory;

/// <summary>Where a <see cref="StringTransport"/> stands in its role as a push producer of the bytes it reads.</summary>
public enum ProducerState
{
    /// <summary>Producing: neither paused nor stopped. The initial state.</summary>
    Producing,

    /// <summary>Paused by <c>PauseProducing</c> until <c>ResumeProducing</c>.</summary>
    Paused,

    /// <summary>Stopped for good by <c>StopProducing</c>.</summary>
    Stopped,
}
