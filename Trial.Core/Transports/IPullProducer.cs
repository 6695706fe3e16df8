namespace Trial.Transports;

/// <summary>
/// A producer that writes only when asked (a non-streaming producer): the consumer calls
/// <see cref="ResumeProducing"/> each time it wants one more chunk.
/// </summary>
public interface IPullProducer : IProducer
{
    /// <summary>Asks the producer to write one chunk to its consumer.</summary>
    void ResumeProducing();
}
