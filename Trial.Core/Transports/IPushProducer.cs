namespace Trial.Transports;

/// <summary>
/// A producer that writes on its own until told to pause (a "streaming" producer): the consumer pauses it when
/// its buffer passes the high water mark and resumes it when the buffer drains below the low water mark.
/// </summary>
public interface IPushProducer : IProducer
{
    /// <summary>Asks the producer to stop writing until <see cref="ResumeProducing"/>.</summary>
    void PauseProducing();

    /// <summary>Lets a paused producer write again.</summary>
    void ResumeProducing();
}
