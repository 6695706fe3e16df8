using Trial.Transports;

namespace Trial.Protocols;

/// <summary>A base class for stream protocols: override the callbacks you need; the others do nothing.</summary>
public class Protocol : IProtocol
{
    /// <summary>Gets the transport, once connected.</summary>
    public ITransport? Transport { get; private set; }

    /// <summary>Gets or sets the factory that built this protocol, if any.</summary>
    public IProtocolFactory? Factory { get; set; }

    /// <summary>Gets a value indicating whether the connection is established and not yet lost.</summary>
    public bool Connected { get; private set; }

    /// <inheritdoc/>
    public void MakeConnection(ITransport transport)
    {
        ArgumentNullException.ThrowIfNull(transport);
        if (Transport is not null)
        {
            throw new InvalidOperationException($"{GetType().Name} is already connected to {Transport.RemoteAddress}.");
        }

        Transport = transport;
        Connected = true;
        ConnectionMade();
    }

    /// <inheritdoc/>
    public virtual void ConnectionMade()
    {
    }

    /// <inheritdoc/>
    public virtual void DataReceived(ReadOnlySpan<byte> data)
    {
    }

    /// <inheritdoc/>
    /// <remarks>Overrides should call the base method, which marks the protocol disconnected.</remarks>
    public virtual void ConnectionLost(Exception reason) => Connected = false;
}
