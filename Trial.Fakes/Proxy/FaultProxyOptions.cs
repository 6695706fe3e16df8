using System.Globalization;

namespace Trial.Fakes.Proxy;

/// <summary>Settings of a <see cref="FaultProxy"/>.</summary>
public sealed class FaultProxyOptions
{
    private int _listenPort;

    /// <summary>
    /// Gets or sets the address the proxy listens on. On the real socket reactor it must be a loopback address
    /// (127.0.0.0/8, ::1, their IPv4-mapped forms, or "localhost"); on other reactors it is any address of the host.
    /// </summary>
    /// <value>
    /// The default, <see langword="null"/>, means "127.0.0.1" on the real socket reactor and every address of the
    /// host (an empty host) on other reactors.
    /// </value>
    public string? ListenHost { get; set; }

    /// <summary>Gets or sets the port the proxy listens on; 0 for any free port (read it from <see cref="FaultProxy.Address"/>).</summary>
    /// <value>The default is 0.</value>
    public int ListenPort
    {
        get => _listenPort;
        set => _listenPort = value is >= 0 and <= 65535 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, string.Create(CultureInfo.InvariantCulture, $"A port must be between 0 and 65535, but was {value}."));
    }

    /// <summary>Gets or sets the seed of the random source that draws toxicity, jitter and slice sizes.</summary>
    /// <value>The default is 0.</value>
    public ulong Seed { get; set; }
}
