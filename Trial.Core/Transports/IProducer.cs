namespace Trial.Transports;

/// <summary>A source of data written to an <see cref="IConsumer"/>.</summary>
public interface IProducer
{
    /// <summary>Stops producing for good, because the consumer went away (for instance, the connection was lost).</summary>
    void StopProducing();
}
