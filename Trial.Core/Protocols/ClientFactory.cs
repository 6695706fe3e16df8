using Trial.Addresses;
using Trial.Reactors;

namespace Trial.Protocols;

/// <summary>A factory for client connections, told about the progress and the end of each attempt.</summary>
public class ClientFactory : Factory
{
    /// <summary>Initializes a client factory whose subclass overrides <see cref="Factory.CreateProtocol"/>.</summary>
    protected ClientFactory()
    {
    }

    /// <summary>Initializes a client factory that builds protocols with <paramref name="build"/>.</summary>
    /// <param name="build">Builds the protocol for the server's address.</param>
    public ClientFactory(Func<IAddress, IProtocol?> build)
        : base(build)
    {
    }

    /// <summary>Makes a client factory that builds a new <typeparamref name="TProtocol"/> for each connection.</summary>
    /// <typeparam name="TProtocol">The protocol type.</typeparam>
    /// <returns>The factory.</returns>
    public static new ClientFactory ForProtocol<TProtocol>()
        where TProtocol : IProtocol, new() => new(static _ => new TProtocol());

    /// <summary>Makes a client factory that builds each connection's protocol with <paramref name="create"/>.</summary>
    /// <param name="create">Builds one protocol.</param>
    /// <returns>The factory.</returns>
    public static new ClientFactory ForProtocol(Func<IProtocol> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        return new(_ => create());
    }

    /// <summary>Called when a connection attempt starts.</summary>
    /// <param name="connector">The connector making the attempt.</param>
    public virtual void StartedConnecting(IConnector connector)
    {
    }

    /// <summary>Called when a connection attempt fails.</summary>
    /// <param name="connector">The connector; <see cref="IConnector.Connect"/> tries again.</param>
    /// <param name="reason">
    /// Why: a <see cref="Trial.Errors.ConnectException"/>, or a <see cref="Trial.Errors.TlsHandshakeException"/> when
    /// the TCP connection was made but a <c>ConnectTls</c> handshake failed.
    /// </param>
    public virtual void ClientConnectionFailed(IConnector connector, Exception reason)
    {
    }

    /// <summary>Called when an established connection ends.</summary>
    /// <param name="connector">The connector; <see cref="IConnector.Connect"/> reconnects.</param>
    /// <param name="reason">Why, a <see cref="Trial.Errors.ConnectionClosedException"/>.</param>
    public virtual void ClientConnectionLost(IConnector connector, Exception reason)
    {
    }
}
