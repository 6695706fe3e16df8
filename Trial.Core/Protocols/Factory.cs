using Trial.Addresses;

namespace Trial.Protocols;

/// <summary>
/// A protocol factory: builds protocols with a delegate (or an override of <see cref="CreateProtocol"/>) and runs
/// <see cref="StartFactory"/> when the first port starts using it and <see cref="StopFactory"/> when the last stops.
/// </summary>
public class Factory : IProtocolFactory
{
    private readonly Func<IAddress, IProtocol?>? _build;

    /// <summary>Initializes a factory whose subclass overrides <see cref="CreateProtocol"/>.</summary>
    protected Factory()
    {
    }

    /// <summary>Initializes a factory that builds protocols with <paramref name="build"/>.</summary>
    /// <param name="build">Builds the protocol for a peer's address; may return <see langword="null"/> to refuse.</param>
    public Factory(Func<IAddress, IProtocol?> build) => _build = build ?? throw new ArgumentNullException(nameof(build));

    /// <summary>Gets how many ports or connectors use the factory now.</summary>
    public int NumberOfPorts { get; private set; }

    /// <summary>Makes a factory that builds a new <typeparamref name="TProtocol"/> for each connection.</summary>
    /// <typeparam name="TProtocol">The protocol type.</typeparam>
    /// <returns>The factory.</returns>
    public static Factory ForProtocol<TProtocol>()
        where TProtocol : IProtocol, new() => new(static _ => new TProtocol());

    /// <summary>Makes a factory that builds each connection's protocol with <paramref name="create"/>.</summary>
    /// <param name="create">Builds one protocol.</param>
    /// <returns>The factory.</returns>
    public static Factory ForProtocol(Func<IProtocol> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        return new(_ => create());
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Builds with <see cref="CreateProtocol"/>, then sets <see cref="Protocol.Factory"/> on a protocol derived from
    /// <see cref="Protocol"/> that has none, so a subclass that builds its own protocols keeps the link.
    /// </remarks>
    public IProtocol? BuildProtocol(IAddress address)
    {
        var protocol = CreateProtocol(address);
        if (protocol is Protocol { Factory: null } p)
        {
            p.Factory = this;
        }

        return protocol;
    }

    /// <summary>Makes the protocol for one connection; override it to build protocols without a delegate.</summary>
    /// <param name="address">The peer's address.</param>
    /// <returns>The protocol, or <see langword="null"/> to refuse the connection.</returns>
    /// <exception cref="InvalidOperationException">The factory was made without a build delegate and this is not overridden.</exception>
    protected virtual IProtocol? CreateProtocol(IAddress address)
    {
        if (_build is null)
        {
            throw new InvalidOperationException($"{GetType().Name} was made without a build delegate and does not override {nameof(CreateProtocol)}.");
        }

        return _build(address);
    }

    /// <inheritdoc/>
    public void DoStart()
    {
        if (NumberOfPorts++ == 0)
        {
            StartFactory();
        }
    }

    /// <inheritdoc/>
    public void DoStop()
    {
        if (NumberOfPorts == 0)
        {
            throw new InvalidOperationException($"{GetType().Name}.DoStop was called more times than DoStart.");
        }

        if (--NumberOfPorts == 0)
        {
            StopFactory();
        }
    }

    /// <summary>Called when the first port or connector starts using the factory.</summary>
    protected virtual void StartFactory()
    {
    }

    /// <summary>Called when the last port or connector stops using the factory.</summary>
    protected virtual void StopFactory()
    {
    }
}
