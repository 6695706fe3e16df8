using System.Globalization;

namespace Trial.Fakes.FaultProxy;

/// <summary>Settings of a <see cref="FaultProxy"/>.</summary>
public sealed class FaultProxyOptions
{
    private int _listenPort;

    /// <summary>Gets or sets the loopback address the proxy listens on ("127.0.0.1", "::1" or "localhost"); any other is rejected.</summary>
    /// <value>The default is "127.0.0.1".</value>
    public string ListenHost { get; set; } = "127.0.0.1";

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
