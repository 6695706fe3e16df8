using Trial.Randomness;

namespace Examples.KeyValue.Client;

/// <summary>How a <see cref="KeyValueClient"/> keeps time, times out, reconnects and checks its connection.</summary>
public sealed class KeyValueClientOptions
{
    /// <summary>Gets the time every timeout, back-off and heartbeat runs on: a reactor's <c>TimeProvider</c>, so tests run on virtual time.</summary>
    /// <value>Required.</value>
    public required TimeProvider TimeProvider { get; init; }

    /// <summary>Gets how long one connection attempt may take.</summary>
    /// <value>The default is 5 seconds.</value>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets how long a request may wait for a connection and then for its reply.</summary>
    /// <value>The default is 5 seconds.</value>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets the wait before the first reconnection attempt; each failed attempt doubles it, up to <see cref="MaxReconnectDelay"/>.</summary>
    /// <value>The default is 100 milliseconds.</value>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Gets the longest wait between reconnection attempts.</summary>
    /// <value>The default is 10 seconds.</value>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets how often an idle connection is checked with <c>PING</c>; a ping with no reply within <see cref="RequestTimeout"/> drops the connection, and the client reconnects.</summary>
    /// <value>The default is 5 seconds.</value>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets the source of the back-off's jitter (each delay is drawn from [delay/2, delay]); <see langword="null"/> for none.</summary>
    /// <value>The default is <see langword="null"/>: no jitter. Give a seeded source so that a test's run replays.</value>
    public IRandomSource? Random { get; init; }

    /// <summary>Checks every value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A duration is zero or negative, or the maximum delay is below the first.</exception>
    /// <exception cref="ArgumentNullException"><see cref="TimeProvider"/> is <see langword="null"/>.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(TimeProvider);
        Positive(ConnectTimeout, nameof(ConnectTimeout));
        Positive(RequestTimeout, nameof(RequestTimeout));
        Positive(ReconnectDelay, nameof(ReconnectDelay));
        Positive(HeartbeatInterval, nameof(HeartbeatInterval));
        if (MaxReconnectDelay < ReconnectDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxReconnectDelay), MaxReconnectDelay, $"The maximum reconnect delay must be at least the first one ({ReconnectDelay}).");
        }
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive, but was {value}.");
        }
    }
}
