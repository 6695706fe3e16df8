using System.Diagnostics;
using Examples.KeyValue.Server;
using Examples.Testing;
using Trial.Sockets;

namespace Examples.KeyValue.Tests;

/// <summary>
/// The real <c>redis-cli</c> against the server on the real reactor, over loopback. The expiry check uses PX
/// with a time to live far beyond the test, and reads TTL, so no step waits on the wall clock.
/// </summary>
public sealed class RedisCliTests : IDisposable
{
    private readonly LoopbackReactor _loopback = new();
    private readonly int _port;

    public RedisCliTests()
    {
        var factory = new KeyValueServerFactory(new KeyValueStore(_loopback.Reactor));
        int port = 0;
        _loopback.Run(() =>
        {
            port = _loopback.Listen(factory);
            return Task.CompletedTask;
        });
        _port = port;
    }

    public void Dispose() => _loopback.Dispose();

    [RedisCliFact]
    public async Task Redis_cli_sets_and_gets_a_key()
    {
        (await RedisCli("set", "k", "v")).Should().Be("OK");
        (await RedisCli("get", "k")).Should().Be("v");
        (await RedisCli("get", "missing")).Should().BeEmpty();
        (await RedisCli("ping")).Should().Be("PONG");
    }

    [RedisCliFact]
    public async Task Redis_cli_sees_INCR_DEL_and_expiry()
    {
        (await RedisCli("incr", "hits")).Should().Be("1");
        (await RedisCli("incr", "hits")).Should().Be("2");
        (await RedisCli("set", "session", "alice", "ex", "3600")).Should().Be("OK");
        int.Parse(await RedisCli("ttl", "session"), System.Globalization.CultureInfo.InvariantCulture).Should().BeInRange(3590, 3600);
        (await RedisCli("ttl", "hits")).Should().Be("-1");
        (await RedisCli("expire", "hits", "0")).Should().Be("1");
        (await RedisCli("ttl", "hits")).Should().Be("-2");
        (await RedisCli("del", "session", "hits")).Should().Be("1");
        (await RedisCli("set", "k", "v", "ex", "0")).Should().Be("ERR invalid expire time in 'set' command");
    }

    /// <summary>Runs redis-cli against the server and returns its output, trimmed; bounded by <see cref="LoopbackReactor.Limit"/>.</summary>
    private async Task<string> RedisCli(params string[] arguments)
    {
        var start = new ProcessStartInfo(RedisCliFactAttribute.RedisCli!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (string argument in (string[])["-h", "127.0.0.1", "-p", _port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        using var limit = new CancellationTokenSource(LoopbackReactor.Limit);
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(limit.Token);
            var error = process.StandardError.ReadToEndAsync(limit.Token);
            await process.WaitForExitAsync(limit.Token);
            process.ExitCode.Should().Be(0, $"redis-cli {string.Join(' ', arguments)} failed: {await error}");
            return (await output).Trim();
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"redis-cli {string.Join(' ', arguments)} did not finish within {LoopbackReactor.Limit}.");
        }
    }
}
