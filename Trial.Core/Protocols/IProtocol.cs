using Trial.Transports;

namespace Trial.Protocols;

/// <summary>
/// The callbacks of a stream protocol: the reactor connects it to a transport, hands it the bytes that
/// arrive, and tells it when the connection ends.
/// </summary>
public interface IProtocol
{
    /// <summary>Attaches the transport and then calls <see cref="ConnectionMade"/>; reactors call this, not users.</summary>
    /// <param name="transport">The transport of the new connection.</param>
    void MakeConnection(ITransport transport);

    /// <summary>Called once the connection is established and <see cref="MakeConnection"/> has attached the transport.</summary>
    void ConnectionMade();

    /// <summary>Called with bytes as they arrive, in order, in chunks of any size.</summary>
    /// <param name="data">The bytes; valid only during the call (copy what you keep).</param>
    void DataReceived(ReadOnlySpan<byte> data);

    /// <summary>Called once when the connection has ended.</summary>
    /// <param name="reason">
    /// Why: a <see cref="Trial.Errors.ConnectionDoneException"/> for a clean close, another
    /// <see cref="Trial.Errors.ConnectionClosedException"/> for a non-clean one.
    /// </param>
    void ConnectionLost(Exception reason);
}
