using Trial.Addresses;

namespace Trial.Transports;

/// <summary>
/// One end of a stream connection, as its protocol sees it. Every reactor (memory, simulated, real sockets)
/// implements it, so protocol code cannot tell them apart.
/// </summary>
/// <remarks>
/// The transport is also a push producer of the bytes it reads: pausing it stops <c>DataReceived</c> calls
/// until it is resumed. Call it from the reactor's thread.
/// </remarks>
public interface ITransport : IConsumer, IPushProducer
{
    /// <summary>Gets this end's address.</summary>
    IAddress LocalAddress { get; }

    /// <summary>Gets the peer's address.</summary>
    IAddress RemoteAddress { get; }

    /// <summary>
    /// Gets a value indicating whether <see cref="LoseConnection"/> or <see cref="AbortConnection"/> has been
    /// called (Twisted's <c>transport.disconnecting</c>); it stays <see langword="true"/> once set.
    /// </summary>
    /// <remarks>
    /// Framing receivers read it to stop handing out messages that arrived in the same chunk as the one
    /// whose handler closed the connection.
    /// </remarks>
    bool Disconnecting { get; }

    /// <summary>Writes several buffers in order, as one <see cref="IConsumer.Write"/> each.</summary>
    /// <param name="data">The buffers to write.</param>
    void WriteSequence(IEnumerable<ReadOnlyMemory<byte>> data);

    /// <summary>
    /// Closes the connection gracefully: every byte written before the call is delivered, then the peer sees a
    /// clean close. As in Twisted, a registered pull producer is still asked for data until it unregisters, while
    /// a streaming producer does not hold the close back; either is stopped when the connection is lost.
    /// </summary>
    /// <remarks>
    /// Writes after the call are dropped, unless a producer is registered: then the close waits for it, and what
    /// is written until it unregisters is delivered. This is the rule of Twisted's TLS transport
    /// (<c>TLSMemoryBIOProtocol.write</c>), and every Trial transport follows it, fake or real, so a test cannot
    /// pass on one and fail on the other. (Twisted's plain TCP transport still sends such a write if its buffer
    /// has not drained yet, which depends on timing.) The same holds after <see cref="LoseWriteConnection"/>;
    /// after <see cref="AbortConnection"/> every write is dropped.
    /// </remarks>
    void LoseConnection();

    /// <summary>Closes the write side only (a half-close): the peer reads an end of stream, and this end can still read.</summary>
    /// <exception cref="NotSupportedException">The transport does not support half-close.</exception>
    void LoseWriteConnection();

    /// <summary>Closes the connection at once: unsent data is dropped and the peer sees a reset.</summary>
    void AbortConnection();
}
