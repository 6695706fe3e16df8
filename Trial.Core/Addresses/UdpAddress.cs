namespace Trial.Addresses;

/// <summary>A UDP endpoint: a host (name or IP literal, IPv4 or IPv6) and a port.</summary>
/// <param name="Host">The host name or address; on the simulated network, a host's name.</param>
/// <param name="Port">The port, 0 to 65535; 0 asks a listener for any free port.</param>
public sealed record UdpAddress(string Host, int Port) : IAddress
{
    /// <summary>Gets the host name or address.</summary>
    public string Host { get; } = Host ?? throw new ArgumentNullException(nameof(Host));

    /// <summary>Gets the port.</summary>
    public int Port { get; } = AddressChecks.Port(Port, nameof(Port));

    /// <inheritdoc/>
    public override string ToString() => AddressChecks.Format("UDP", Host, Port);
}
