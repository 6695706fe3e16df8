using System.Globalization;
using Trial.Addresses;
using Trial.Fakes.Time;

namespace Trial.Fakes.IOSim;

/// <summary>How <see cref="IOPump.Connect"/> and <see cref="IOPump.ConnectedServerAndClient{TServer, TClient}(TServer, TClient, IOPumpOptions?)"/> set up a pump.</summary>
public sealed class IOPumpOptions
{
    /// <summary>The client's address when none is given: TCP 192.168.1.1 port 54321.</summary>
    public static readonly TcpAddress DefaultClientAddress = new("192.168.1.1", 54321);

    /// <summary>The server's address when none is given: TCP 10.0.0.1 port 12345.</summary>
    public static readonly TcpAddress DefaultServerAddress = new("10.0.0.1", 12345);

    private int _maxFlushRounds = IOPump.DefaultMaxFlushRounds;
    private TimeSpan _clockStep;
    private Slicing _slicing = Slicing.Whole;

    /// <summary>Gets or sets a value indicating whether to flush once after connecting, so that greetings are exchanged.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool Greet { get; set; } = true;

    /// <summary>Gets or sets how deliveries are cut into <c>DataReceived</c> calls.</summary>
    /// <value>The default is <see cref="IOSim.Slicing.Whole"/>.</value>
    /// <exception cref="ArgumentNullException">The value is <see langword="null"/>.</exception>
    public Slicing Slicing
    {
        get => _slicing;
        set => _slicing = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Gets or sets the clock the pump advances before each round; <see langword="null"/> gives the pump a clock of its own.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public Clock? Clock { get; set; }

    /// <summary>Gets or sets how far the pump advances its clock before each round.</summary>
    /// <value>The default is zero: posted work and calls due now run, and time stands still.</value>
    public TimeSpan ClockStep
    {
        get => _clockStep;
        set => _clockStep = value >= TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, string.Create(CultureInfo.InvariantCulture, $"The clock step must not be negative, but was {value}."));
    }

    /// <summary>Gets or sets where the pump writes a readable line for each delivery and close; <see langword="null"/> for none.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public TextWriter? Trace { get; set; }

    /// <summary>Gets or sets how many rounds <see cref="IOPump.Flush"/> and <see cref="IOPump.RunUntil(Func{bool})"/> may take before they fail.</summary>
    /// <value>The default is <see cref="IOPump.DefaultMaxFlushRounds"/>.</value>
    public int MaxFlushRounds
    {
        get => _maxFlushRounds;
        set => _maxFlushRounds = value > 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, string.Create(CultureInfo.InvariantCulture, $"The round bound must be positive, but was {value}."));
    }

    /// <summary>Gets or sets the client's address (the server's peer address).</summary>
    /// <value>The default is <see cref="DefaultClientAddress"/>.</value>
    public IAddress ClientAddress { get; set; } = DefaultClientAddress;

    /// <summary>Gets or sets the server's address (the client's peer address).</summary>
    /// <value>The default is <see cref="DefaultServerAddress"/>.</value>
    public IAddress ServerAddress { get; set; } = DefaultServerAddress;

    /// <summary>Copies these options, so a pump can own settings that later changes to these leave alone.</summary>
    internal IOPumpOptions Copy() => (IOPumpOptions)MemberwiseClone();
}
