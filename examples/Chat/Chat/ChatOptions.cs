namespace Examples.Chat;

/// <summary>The chat server's limits and timeouts.</summary>
public sealed class ChatOptions
{
    /// <summary>Gets the longest line a client may send, in bytes without its newline; a longer one closes the connection.</summary>
    /// <value>The default is 512, as in IRC.</value>
    public int MaxLineLength { get; init; } = 512;

    /// <summary>Gets the longest nickname, in bytes.</summary>
    /// <value>The default is 32.</value>
    public int MaxNicknameLength { get; init; } = 32;

    /// <summary>Gets how long a client may stay silent before the server sends it <c>PING</c> (a client answers <c>PONG</c>).</summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets how long a client may stay silent, pings unanswered, before it is disconnected and removed.</summary>
    /// <value>The default is 90 seconds.</value>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Checks every value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLineLength, 16);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxNicknameLength);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PingInterval, TimeSpan.Zero);
        if (IdleTimeout <= PingInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(IdleTimeout), IdleTimeout, $"The idle timeout must be longer than the ping interval ({PingInterval}), so a ping can be answered.");
        }
    }
}
