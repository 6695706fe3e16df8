using System.Buffers;
using System.Text;
using Examples.KeyValue.Resp;

namespace Examples.KeyValue.Client;

/// <summary>
/// An async client for the key-value server (and for Redis, on the same commands): a <see cref="Task"/>-based API,
/// timeouts on an injected <see cref="System.TimeProvider"/>, reconnection with exponential back-off, and a
/// heartbeat that notices a dead connection.
/// </summary>
/// <remarks>
/// <para>
/// Requests may be issued concurrently from any thread; they are pipelined on one connection and answered in
/// order. A request made while the client is reconnecting waits for the new connection, within
/// <see cref="KeyValueClientOptions.RequestTimeout"/>. A request whose connection fails throws
/// <see cref="KeyValueConnectionException"/> and is not retried: a write may or may not have been applied, and
/// only the caller knows whether it is safe to send again.
/// </para>
/// <para>
/// Every await uses <c>ConfigureAwait(false)</c>, and all time comes from the options' <c>TimeProvider</c>, so the
/// client runs the same on a real reactor and on virtual time, where a ten-second back-off takes no wall time.
/// </para>
/// </remarks>
public sealed class KeyValueClient : IAsyncDisposable
{
    private readonly Func<CancellationToken, ValueTask<Stream>> _connect;
    private readonly KeyValueClientOptions _options;
    private readonly CancellationTokenSource _disposed = new();
    private readonly object _gate = new();
    private TaskCompletionSource<ClientConnection> _connection = NewConnectionSource();
    private Task _maintaining = Task.CompletedTask;

    private KeyValueClient(Func<CancellationToken, ValueTask<Stream>> connect, KeyValueClientOptions options)
    {
        _connect = connect;
        _options = options;
    }

    /// <summary>Gets how many connections the client has made, the first included.</summary>
    public int Connections { get; private set; }

    /// <summary>Gets how many connection attempts have failed.</summary>
    public int FailedAttempts { get; private set; }

    /// <summary>Gets a value indicating whether the client has a connection now.</summary>
    public bool IsConnected
    {
        get
        {
            lock (_gate)
            {
                return _connection.Task.IsCompletedSuccessfully;
            }
        }
    }

    /// <summary>Creates a client and waits for its first connection; from then on it keeps itself connected.</summary>
    /// <param name="connect">Opens a connection to the server, such as a reactor's <c>ConnectAsync</c>; called again for each reconnection.</param>
    /// <param name="options">Time, timeouts, back-off and heartbeat.</param>
    /// <param name="cancellationToken">Stops waiting for the first connection (the client is then disposed).</param>
    /// <returns>The connected client.</returns>
    /// <exception cref="KeyValueConnectionException">No connection was made within <see cref="KeyValueClientOptions.RequestTimeout"/>.</exception>
    public static async Task<KeyValueClient> ConnectAsync(Func<CancellationToken, ValueTask<Stream>> connect, KeyValueClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connect);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var client = new KeyValueClient(connect, options);
        client._maintaining = client.MaintainConnectionAsync();
        try
        {
            await client.CurrentConnectionAsync(cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Checks the connection: <c>PING</c>.</summary>
    /// <param name="cancellationToken">Cancels the wait for the reply.</param>
    /// <returns>The round-trip time, on the options' <c>TimeProvider</c>.</returns>
    public async Task<TimeSpan> PingAsync(CancellationToken cancellationToken = default)
    {
        long start = _options.TimeProvider.GetTimestamp();
        await ExecuteAsync(cancellationToken, "PING").ConfigureAwait(false);
        return _options.TimeProvider.GetElapsedTime(start);
    }

    /// <summary>Reads a key: <c>GET key</c>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the wait for the reply.</param>
    /// <returns>The value, or <see langword="null"/> when the key does not exist.</returns>
    public async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync(cancellationToken, "GET", key).ConfigureAwait(false)).Bulk;

    /// <summary>Reads a key as UTF-8 text: <c>GET key</c>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the wait for the reply.</param>
    /// <returns>The value, or <see langword="null"/> when the key does not exist.</returns>
    public async Task<string?> GetStringAsync(string key, CancellationToken cancellationToken = default) =>
        await GetAsync(key, cancellationToken).ConfigureAwait(false) is { } value ? Encoding.UTF8.GetString(value) : null;

    /// <summary>Writes a key: <c>SET key value [PX milliseconds]</c>. Once this completes, the server has the value.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value, as UTF-8 text.</param>
    /// <param name="expiry">How long the key lives (whole milliseconds, at least one), or <see langword="null"/> for ever.</param>
    /// <param name="cancellationToken">Cancels the wait for the reply.</param>
    /// <returns>A task that completes when the server has acknowledged the write.</returns>
    public Task SetAsync(string key, string value, TimeSpan? expiry = null, CancellationToken cancellationToken = default) =>
        expiry is TimeSpan ttl
            ? ExecuteAsync(cancellationToken, "SET", key, value, "PX", Milliseconds(ttl))
            : ExecuteAsync(cancellationToken, "SET", key, value);

    /// <summary>Deletes a key: <c>DEL key</c>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the wait for the reply.</param>
    /// <returns>Whether the key existed.</returns>
    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync(cancellationToken, "DEL", key).ConfigureAwait(false)).Integer == 1;

    /// <summary>Adds one to a counter: <c>INCR key</c>.</summary>
    /// <param name="key">The key; a missing key counts from 0.</param>
    /// <param name="cancellationToken">Cancels the wait for the reply.</param>
    /// <returns>The new value.</returns>
    /// <exception cref="KeyValueServerException">The value is not an integer.</exception>
    public async Task<long> IncrementAsync(string key, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync(cancellationToken, "INCR", key).ConfigureAwait(false)).Integer;

    /// <summary>Sets how long a key lives: <c>EXPIRE key seconds</c>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="expiry">How long, in whole seconds; zero or less deletes the key.</param>
    /// <param name="cancellationToken">Cancels the wait for the reply.</param>
    /// <returns>Whether the key existed.</returns>
    public async Task<bool> ExpireAsync(string key, TimeSpan expiry, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync(cancellationToken, "EXPIRE", key, ((long)expiry.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture)).ConfigureAwait(false)).Integer == 1;

    /// <summary>Reads how long a key has to live: <c>TTL key</c>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the wait for the reply.</param>
    /// <returns>The time left in whole seconds; <see langword="null"/> when the key does not exist or never expires.</returns>
    public async Task<TimeSpan?> GetTimeToLiveAsync(string key, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync(cancellationToken, "TTL", key).ConfigureAwait(false)).Integer is long seconds and >= 0 ? TimeSpan.FromSeconds(seconds) : null;

    /// <summary>Sends any command and returns the server's reply, error replies included.</summary>
    /// <param name="arguments">The command name and its arguments, each sent as UTF-8.</param>
    /// <param name="cancellationToken">Cancels the wait for the reply.</param>
    /// <returns>The reply.</returns>
    public Task<RespReply> SendCommandAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return SendAsync(Encode(arguments), cancellationToken);
    }

    /// <summary>Stops reconnecting and closes the connection; requests still waiting fail.</summary>
    /// <returns>A task that completes when the client has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        _disposed.Cancel();
        await _maintaining.ConfigureAwait(false);
        _disposed.Dispose();
    }

    private static TaskCompletionSource<ClientConnection> NewConnectionSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static string Milliseconds(TimeSpan ttl) =>
        Math.Max(1, (long)Math.Ceiling(ttl.TotalMilliseconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static byte[] Encode(IReadOnlyList<string> arguments)
    {
        var output = new ArrayBufferWriter<byte>();
        RespWriter.WriteArrayHeader(output, arguments.Count);
        foreach (string argument in arguments)
        {
            RespWriter.WriteBulkString(output, Encoding.UTF8.GetBytes(argument));
        }

        return output.WrittenSpan.ToArray();
    }

    private async Task<RespReply> ExecuteAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var reply = await SendAsync(Encode(arguments), cancellationToken).ConfigureAwait(false);
        return reply.Kind == RespReplyKind.Error ? throw new KeyValueServerException(reply.Text!) : reply;
    }

    private async Task<RespReply> SendAsync(byte[] request, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            var connection = await CurrentConnectionAsync(linked.Token).ConfigureAwait(false);
            return await connection.SendAsync(request, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new KeyValueConnectionException($"No reply within the request timeout of {_options.RequestTimeout}.");
        }
    }

    private Task<ClientConnection> CurrentConnectionAsync(CancellationToken cancellationToken)
    {
        Task<ClientConnection> current;
        lock (_gate)
        {
            current = _connection.Task;
        }

        return current.WaitAsync(cancellationToken);
    }

    /// <summary>Connects, serves the connection until it ends, and reconnects with back-off, until disposed.</summary>
    private async Task MaintainConnectionAsync()
    {
        var delay = _options.ReconnectDelay;
        var stopping = _disposed.Token;
        while (!stopping.IsCancellationRequested)
        {
            ClientConnection connection;
            try
            {
                using var attempt = new CancellationTokenSource(_options.ConnectTimeout, _options.TimeProvider);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(attempt.Token, stopping);
                connection = new ClientConnection(await _connect(linked.Token).ConfigureAwait(false));
            }
            catch (Exception) when (!stopping.IsCancellationRequested)
            {
                FailedAttempts++;
                if (!await WaitAsync(Jittered(delay), stopping).ConfigureAwait(false))
                {
                    break;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
                continue;
            }
            catch (OperationCanceledException)
            {
                break;
            }

            delay = _options.ReconnectDelay;
            Connections++;
            lock (_gate)
            {
                _connection.TrySetResult(connection);
            }

            var heartbeat = HeartbeatAsync(connection);
            using (stopping.Register(static c => ((ClientConnection)c!).Abort(new ObjectDisposedException(nameof(KeyValueClient), "The client was disposed.")), connection))
            {
                await connection.Completion.ConfigureAwait(false);
            }

            lock (_gate)
            {
                _connection = NewConnectionSource();
            }

            await connection.DisposeAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
        }

        lock (_gate)
        {
            _connection.TrySetException(new ObjectDisposedException(nameof(KeyValueClient), "The client was disposed."));
        }
    }

    /// <summary>Pings the server whenever the interval passes; a ping that fails drops the connection, so the client reconnects.</summary>
    private async Task HeartbeatAsync(ClientConnection connection)
    {
        using var timer = new PeriodicTimer(_options.HeartbeatInterval, _options.TimeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(connection.Closed).ConfigureAwait(false))
            {
                using var timeout = new CancellationTokenSource(_options.RequestTimeout, _options.TimeProvider);
                await connection.SendAsync(Encode(["PING"]), timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (connection.Closed.IsCancellationRequested)
        {
            // The connection ended; the maintenance loop reconnects.
        }
        catch (Exception e)
        {
            connection.Abort(new KeyValueConnectionException($"The heartbeat failed: {e.Message}", e));
        }
    }

    private TimeSpan Jittered(TimeSpan delay) =>
        _options.Random is { } random ? TimeSpan.FromTicks((long)(delay.Ticks * (0.5 + (random.NextDouble() / 2)))) : delay;

    private async Task<bool> WaitAsync(TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(delay, _options.TimeProvider, stopping).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
