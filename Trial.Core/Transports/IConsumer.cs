namespace Trial.Transports;

/// <summary>A sink of bytes that can regulate a registered producer.</summary>
public interface IConsumer
{
    /// <summary>Registers the producer that feeds this consumer.</summary>
    /// <param name="producer">The producer; an <see cref="IPushProducer"/> when <paramref name="streaming"/>, else an <see cref="IPullProducer"/>.</param>
    /// <param name="streaming"><see langword="true"/> for a push producer, <see langword="false"/> for a pull producer.</param>
    /// <exception cref="InvalidOperationException">A producer is already registered.</exception>
    /// <exception cref="ArgumentException">The producer does not implement the interface <paramref name="streaming"/> calls for.</exception>
    void RegisterProducer(IProducer producer, bool streaming);

    /// <summary>Forgets the registered producer; does nothing when none is registered.</summary>
    void UnregisterProducer();

    /// <summary>Writes bytes; the consumer copies them before returning.</summary>
    /// <param name="data">The bytes to write.</param>
    void Write(ReadOnlySpan<byte> data);
}
