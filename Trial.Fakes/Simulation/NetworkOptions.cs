using System.Globalization;

namespace Trial.Fakes.Simulation;

/// <summary>How a <c>SimulatedNetwork</c> behaves: link defaults, TCP-like timeouts and buffers, and tracing.</summary>
public sealed record NetworkOptions
{
    private readonly LinkOptions _defaultLink = new();
    private readonly TimeSpan _userTimeout = TimeSpan.FromSeconds(30);
    private readonly TimeSpan _connectRetransmit = TimeSpan.FromSeconds(1);
    private readonly int _receiveWindow = 64 * 1024;
    private readonly int _highWaterMark = 64 * 1024;
    private readonly int _lowWaterMark = 16 * 1024;
    private readonly int _maxEventsPerInstant = 1_000_000;

    /// <summary>Gets the behaviour of every link that is not set on its own.</summary>
    /// <value>The default is <c>new LinkOptions()</c>: 1 ms latency, no jitter, unlimited bandwidth, 1460-byte segments, no datagram faults.</value>
    public LinkOptions DefaultLink { get => _defaultLink; init => _defaultLink = (value ?? throw new ArgumentNullException(nameof(value))).Validated(); }

    /// <summary>
    /// Gets how long a connection may hold data it cannot deliver (its link is partitioned or clogged, or the peer's
    /// machine is down) before it breaks with <see cref="Trial.Errors.ConnectionTimedOutException"/>, as TCP's user
    /// timeout (RFC 5482) does. A connection with nothing to send survives any partition.
    /// </summary>
    /// <value>The default is 30 seconds; positive.</value>
    public TimeSpan UserTimeout { get => _userTimeout; init => _userTimeout = Positive(value, nameof(UserTimeout)); }

    /// <summary>
    /// Gets how long a connection request waits for an answer before it is sent again (doubling each time), until
    /// the connect's own timeout fails it with <see cref="Trial.Errors.ConnectAttemptTimedOutException"/>.
    /// </summary>
    /// <value>The default is 1 second; positive.</value>
    public TimeSpan ConnectRetransmit { get => _connectRetransmit; init => _connectRetransmit = Positive(value, nameof(ConnectRetransmit)); }

    /// <summary>Gets how many bytes a receiver holds unread before its sender stops sending (the receive window).</summary>
    /// <value>The default is 64 KiB; positive.</value>
    public int ReceiveWindow { get => _receiveWindow; init => _receiveWindow = Positive(value, nameof(ReceiveWindow)); }

    /// <summary>Gets how many bytes may wait unsent in a transport before its streaming producer is paused.</summary>
    /// <value>The default is 64 KiB; positive and at least <see cref="LowWaterMark"/>.</value>
    public int HighWaterMark { get => _highWaterMark; init => _highWaterMark = Positive(value, nameof(HighWaterMark)); }

    /// <summary>Gets how few bytes must wait unsent before a paused producer is resumed.</summary>
    /// <value>The default is 16 KiB; not negative and at most <see cref="HighWaterMark"/>.</value>
    public int LowWaterMark
    {
        get => _lowWaterMark;
        init => _lowWaterMark = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(LowWaterMark), value, string.Create(CultureInfo.InvariantCulture, $"LowWaterMark must not be negative, but was {value}."));
    }

    /// <summary>Gets a value indicating whether trace events keep the bytes they carry (for packet capture export).</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool CapturePayloads { get; init; }

    /// <summary>
    /// Gets how many events may run at one virtual instant before a run fails as a livelock, naming what kept
    /// running.
    /// </summary>
    /// <value>The default is 1,000,000; positive.</value>
    public int MaxEventsPerInstant { get => _maxEventsPerInstant; init => _maxEventsPerInstant = Positive(value, nameof(MaxEventsPerInstant)); }

    /// <summary>
    /// Gets what to call when a protocol callback throws (the connection is then aborted and the network goes on); the
    /// error is also kept in <c>SimulatedNetwork.Errors</c> and recorded in the trace.
    /// </summary>
    /// <value>The default is <see langword="null"/>.</value>
    public Action<SimulatedHost, string, Exception>? OnError { get; init; }

    /// <summary>Checks the options that depend on each other.</summary>
    internal NetworkOptions Validated() => _lowWaterMark <= _highWaterMark
        ? this
        : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"LowWaterMark ({_lowWaterMark}) must not exceed HighWaterMark ({_highWaterMark})."));

    private static TimeSpan Positive(TimeSpan value, string name) => value > TimeSpan.Zero
        ? value
        : throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} must be positive, but was {value}."));

    private static int Positive(int value, string name) => value > 0
        ? value
        : throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} must be positive, but was {value}."));
}
