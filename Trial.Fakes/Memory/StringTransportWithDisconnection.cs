using Trial.Addresses;
using Trial.Errors;
using Trial.Protocols;

namespace Trial.Fakes.Memory;

/// <summary>
/// A <see cref="StringTransport"/> that also tells its <see cref="Protocol"/> the connection is lost: at once on
/// <see cref="LoseConnection"/> (with a <see cref="ConnectionDoneException"/>) and on <see cref="AbortConnection"/>
/// (with a <see cref="ConnectionAbortedException"/>), once.
/// </summary>
public sealed class StringTransportWithDisconnection : StringTransport
{
    /// <summary>Initializes a new transport.</summary>
    /// <param name="protocol">The protocol to tell about the loss; may be set later through <see cref="Protocol"/>.</param>
    /// <param name="hostAddress">What <see cref="StringTransport.LocalAddress"/> returns, or <see langword="null"/> for the default.</param>
    /// <param name="peerAddress">What <see cref="StringTransport.RemoteAddress"/> returns, or <see langword="null"/> for the default.</param>
    public StringTransportWithDisconnection(IProtocol? protocol = null, IAddress? hostAddress = null, IAddress? peerAddress = null)
        : base(hostAddress, peerAddress) => Protocol = protocol;

    /// <summary>Gets or sets the protocol that hears about the loss.</summary>
    public IProtocol? Protocol { get; set; }

    /// <summary>Gets a value indicating whether the connection is still up: <see langword="false"/> once the loss was delivered.</summary>
    public bool Connected { get; private set; } = true;

    /// <inheritdoc/>
    /// <remarks>Calls the protocol's <c>ConnectionLost</c> with a <see cref="ConnectionDoneException"/>, unless already lost.</remarks>
    /// <exception cref="InvalidOperationException"><see cref="Protocol"/> is not set.</exception>
    public override void LoseConnection()
    {
        var protocol = CheckProtocol();
        base.LoseConnection();
        Lose(protocol, new ConnectionDoneException("The connection was closed cleanly by LoseConnection."));
    }

    /// <inheritdoc/>
    /// <remarks>Calls the protocol's <c>ConnectionLost</c> with a <see cref="ConnectionAbortedException"/>, unless already lost.</remarks>
    /// <exception cref="InvalidOperationException"><see cref="Protocol"/> is not set.</exception>
    public override void AbortConnection()
    {
        var protocol = CheckProtocol();
        base.AbortConnection();
        Lose(protocol, new ConnectionAbortedException("The connection was aborted by AbortConnection."));
    }

    private IProtocol CheckProtocol() => Protocol
        ?? throw new InvalidOperationException($"Set {nameof(StringTransportWithDisconnection)}.{nameof(Protocol)} before closing the transport to {RemoteAddress}.");

    private void Lose(IProtocol protocol, Exception reason)
    {
        if (Connected)
        {
            Connected = false;
            protocol.ConnectionLost(reason);
        }
    }
}
