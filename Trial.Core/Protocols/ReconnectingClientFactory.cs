using System.Globalization;
using Trial.Addresses;
using Trial.Randomness;
using Trial.Reactors;
using Trial.Time;

namespace Trial.Protocols;

/// <summary>
/// A client factory that reconnects after a failed attempt or a lost connection, waiting longer each time
/// (exponential back-off with jitter): Twisted's <c>ReconnectingClientFactory</c>.
/// </summary>
/// <remarks>
/// <para>
/// Each retry multiplies the current delay by <see cref="Factor"/>, caps it at <see cref="MaxDelay"/>, then draws
/// the actual delay from a normal distribution around it with a standard deviation of <see cref="Jitter"/> times
/// it (Twisted's arithmetic, with draws from the injected <see cref="IRandomSource"/>, so a seed fixes every
/// delay). The delay drawn is the base of the next one, so the first retry waits about
/// <see cref="InitialDelay"/> × <see cref="Factor"/>, and a jittered delay may exceed <see cref="MaxDelay"/> a
/// little. The retry runs <see cref="IConnector.Connect"/> through a delayed call on the injected clock.
/// </para>
/// <para>
/// Call <see cref="ResetDelay"/> once a connection succeeds (typically from the protocol's
/// <c>ConnectionMade</c>), or the next loss starts from the grown delay. <see cref="StopTrying"/> cancels a
/// pending retry and stops an attempt in progress.
/// </para>
/// <para>
/// Differences from Twisted: scheduling a retry while one is pending replaces it (Twisted leaves the first one
/// running and unstoppable); <see cref="ResetDelay"/> keeps track of a pending retry, so <see cref="StopTrying"/>
/// can still cancel it; a negative draw (about one in 10^16) waits zero.
/// </para>
/// </remarks>
public class ReconnectingClientFactory : ClientFactory
{
    private readonly IRandomSource _random;
    private TimeSpan _initialDelay = TimeSpan.FromSeconds(1);
    private TimeSpan _maxDelay = TimeSpan.FromSeconds(3600);
    private double _factor = 2.7182818284590451;
    private double _jitter = 0.119626565582;
    private int? _maxRetries;
    private double? _delaySeconds;
    private IDelayedCall? _pending;

    /// <summary>Initializes a factory that builds protocols with <paramref name="build"/>.</summary>
    /// <param name="clock">The time to schedule retries on (Twisted's <c>clock</c>).</param>
    /// <param name="random">
    /// The source of the jitter: a <see cref="SeededRandom"/> with a fixed seed in tests, so delays replay;
    /// <see cref="SeededRandom.FromOperatingSystemSeed"/> in production, so clients that lose the same server at
    /// the same moment do not retry in step.
    /// </param>
    /// <param name="build">Builds the protocol for the server's address.</param>
    public ReconnectingClientFactory(IReactorTime clock, IRandomSource random, Func<IAddress, IProtocol?> build)
        : base(build)
    {
        Clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _random = random ?? throw new ArgumentNullException(nameof(random));
    }

    /// <summary>Initializes a factory whose subclass overrides <see cref="Factory.CreateProtocol"/>.</summary>
    /// <param name="clock">The time to schedule retries on (Twisted's <c>clock</c>).</param>
    /// <param name="random">
    /// The source of the jitter: a <see cref="SeededRandom"/> with a fixed seed in tests, so delays replay;
    /// <see cref="SeededRandom.FromOperatingSystemSeed"/> in production, so clients that lose the same server at
    /// the same moment do not retry in step.
    /// </param>
    protected ReconnectingClientFactory(IReactorTime clock, IRandomSource random)
    {
        Clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _random = random ?? throw new ArgumentNullException(nameof(random));
    }

    /// <summary>Gets the clock retries are scheduled on, for subclasses that schedule work of their own on it.</summary>
    protected IReactorTime Clock { get; }

    /// <summary>Gets or sets the delay the back-off starts from, and returns to on <see cref="ResetDelay"/>.</summary>
    /// <value>The default is 1 second.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan InitialDelay
    {
        get => _initialDelay;
        set => _initialDelay = NotNegative(value, "initial delay");
    }

    /// <summary>Gets or sets the longest delay the back-off grows to, before jitter.</summary>
    /// <value>The default is 3600 seconds.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan MaxDelay
    {
        get => _maxDelay;
        set => _maxDelay = NotNegative(value, "maximum delay");
    }

    /// <summary>Gets or sets how much the delay is multiplied by at each retry.</summary>
    /// <value>The default is e (2.7182818284590451), as in Twisted.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1 or not finite.</exception>
    public double Factor
    {
        get => _factor;
        set => _factor = double.IsFinite(value) && value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, string.Create(CultureInfo.InvariantCulture, $"The back-off factor must be a finite number of at least 1, but was {value}."));
    }

    /// <summary>Gets or sets the standard deviation of each delay, as a fraction of it; 0 turns jitter off.</summary>
    /// <value>The default is 0.119626565582, as in Twisted.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public double Jitter
    {
        get => _jitter;
        set => _jitter = double.IsFinite(value) && value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, string.Create(CultureInfo.InvariantCulture, $"The jitter must be a finite number of at least 0, but was {value}."));
    }

    /// <summary>Gets or sets how many consecutive retries are made before giving up; <see langword="null"/> for no limit.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int? MaxRetries
    {
        get => _maxRetries;
        set => _maxRetries = value is null or >= 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, string.Create(CultureInfo.InvariantCulture, $"The maximum number of retries must not be negative, but was {value}."));
    }

    /// <summary>Gets the current delay: the last one scheduled, or <see cref="InitialDelay"/> before any.</summary>
    public TimeSpan Delay => _delaySeconds is double seconds ? ToTimeSpan(seconds) : _initialDelay;

    /// <summary>Gets how many retries have been made since the factory was made or <see cref="ResetDelay"/> ran.</summary>
    public int Retries { get; private set; }

    /// <summary>Gets a value indicating whether the factory still reconnects (until <see cref="StopTrying"/>).</summary>
    public bool ContinueTrying { get; private set; } = true;

    /// <summary>Gets the connector of the last failed attempt or lost connection.</summary>
    public IConnector? Connector { get; private set; }

    /// <inheritdoc/>
    /// <remarks>Schedules a retry unless <see cref="StopTrying"/> was called.</remarks>
    public override void ClientConnectionFailed(IConnector connector, Exception reason) => RetryAfterEnd(connector);

    /// <inheritdoc/>
    /// <remarks>Schedules a retry unless <see cref="StopTrying"/> was called.</remarks>
    public override void ClientConnectionLost(IConnector connector, Exception reason) => RetryAfterEnd(connector);

    /// <summary>
    /// Schedules <paramref name="connector"/> (by default <see cref="Connector"/>) to connect again after the next
    /// back-off delay; does nothing once <see cref="StopTrying"/> was called or <see cref="MaxRetries"/> retries were made.
    /// </summary>
    /// <param name="connector">The connector to retry, or <see langword="null"/> for <see cref="Connector"/>.</param>
    /// <exception cref="InvalidOperationException">No connector was given and none is known yet.</exception>
    public void Retry(IConnector? connector = null)
    {
        if (!ContinueTrying)
        {
            return;
        }

        var target = connector ?? Connector ?? throw new InvalidOperationException($"{GetType().Name} has no connector to retry: no attempt has failed yet and none was given.");
        Retries++;
        if (_maxRetries is int max && Retries > max)
        {
            return;
        }

        double delay = Math.Min((_delaySeconds ?? _initialDelay.TotalSeconds) * _factor, _maxDelay.TotalSeconds);
        if (_jitter != 0)
        {
            delay = Math.Max(0, _random.NextNormal(delay, delay * _jitter));
        }

        _delaySeconds = delay;
        if (_pending is { Active: true })
        {
            _pending.Cancel();
        }

        _pending = Clock.CallLater(ToTimeSpan(delay), () =>
        {
            _pending = null;
            target.Connect();
        });
    }

    /// <summary>Stops reconnecting: cancels a pending retry and stops an attempt in progress.</summary>
    public void StopTrying()
    {
        if (_pending is { Active: true })
        {
            _pending.Cancel();
        }

        _pending = null;
        ContinueTrying = false;
        if (Connector is { State: ConnectorState.Connecting } connector)
        {
            connector.StopConnecting();
        }
    }

    /// <summary>Returns the delay to <see cref="InitialDelay"/>, the retry count to zero, and resumes trying; call it after a successful connection.</summary>
    public void ResetDelay()
    {
        _delaySeconds = null;
        Retries = 0;
        ContinueTrying = true;
    }

    private static TimeSpan ToTimeSpan(double seconds) =>
        TimeSpan.FromTicks((long)Math.Round(Math.Clamp(seconds * TimeSpan.TicksPerSecond, 0, long.MaxValue / 4)));

    private static TimeSpan NotNegative(TimeSpan value, string what) => value >= TimeSpan.Zero
        ? value
        : throw new ArgumentOutOfRangeException(nameof(value), value, $"The {what} must not be negative, but was {value}.");

    private void RetryAfterEnd(IConnector connector)
    {
        ArgumentNullException.ThrowIfNull(connector);
        if (ContinueTrying)
        {
            Connector = connector;
            Retry();
        }
    }
}
