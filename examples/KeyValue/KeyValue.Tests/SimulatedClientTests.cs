using Examples.KeyValue.Client;
using Examples.KeyValue.Server;
using Trial.Fakes.Simulation;
using Trial.Randomness;
using Trial.Streams;

namespace Examples.KeyValue.Tests;

/// <summary>
/// The async client against the server on the simulated network: a server host and the test's own host, on one
/// virtual clock, with crashes, partitions and seeded chaos.
/// </summary>
public sealed class SimulatedClientTests
{
    private const int Port = 6379;
    private readonly List<Func<Task>> _cleanups = [];
    private SimulatedNetwork Network { get; set; } = null!;
    private SimulatedHost Reactor { get; set; } = null!;
    private ulong Seed { get; set; }

    /// <summary>The seeds of the chaos sweep: 100, or as many as <c>CHAOS_SEEDS</c> says (each costs about a tenth of a second of wall time).</summary>
    public static TheoryData<ulong> ChaosSeeds => [.. Enumerable.Range(1, int.TryParse(Environment.GetEnvironmentVariable("CHAOS_SEEDS"), out int n) ? n : 100).Select(i => (ulong)i)];

    [Fact]
    public void A_key_expires_after_30_virtual_minutes() => Run(1, async () =>
    {
        AddServer();
        var client = await ConnectClientAsync();

        await client.SetAsync("session", "alice", TimeSpan.FromMinutes(30));
        await Task.Delay(TimeSpan.FromMinutes(29), Reactor.TimeProvider);
        (await client.GetStringAsync("session")).Should().Be("alice");
        (await client.GetTimeToLiveAsync("session")).Should().Be(TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromMinutes(1), Reactor.TimeProvider);

        (await client.GetStringAsync("session")).Should().BeNull();
        (await client.GetTimeToLiveAsync("session")).Should().BeNull();
        client.Connections.Should().Be(1, "the heartbeat kept one connection alive for half an hour");
    });

    [Fact]
    public void The_client_reconnects_with_backoff_after_the_server_crashes_and_restarts() => Run(2, async () =>
    {
        var server = AddServer();
        var attempts = new List<TimeSpan>();
        var client = await ConnectClientAsync(attempts);
        await client.SetAsync("k", "v");

        server.Crash();
        var lost = await Assert.ThrowsAsync<KeyValueConnectionException>(() => client.GetAsync("k"));
        await Task.Delay(TimeSpan.FromSeconds(30), Reactor.TimeProvider);
        server.Restart();
        await client.PingAsync();

        lost.Message.Should().Contain("reset", "the process crash reset the connection under the request");
        client.Connections.Should().Be(2);
        client.FailedAttempts.Should().BeGreaterThan(5);
        var gaps = attempts.Zip(attempts.Skip(1), (a, b) => b - a).ToList();
        gaps.Take(4).Should().BeInAscendingOrder("the back-off doubles (with jitter in [d/2, d]) after each refused attempt");
        gaps.Max().Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(2) + TimeSpan.FromMilliseconds(100), "the back-off is capped");
        (await client.GetAsync("k")).Should().BeNull("the crash lost what the server held in memory");
        await client.SetAsync("k", "again");
        (await client.GetStringAsync("k")).Should().Be("again");
    });

    [Fact]
    public void The_heartbeat_notices_a_partition_and_the_client_reconnects_after_the_heal() => Run(3, async () =>
    {
        AddServer();
        var client = await ConnectClientAsync();
        await client.SetAsync("k", "v");

        Network.Partition(["server"]);
        await Task.Delay(TimeSpan.FromSeconds(20), Reactor.TimeProvider);
        client.IsConnected.Should().BeFalse("a ping went unanswered, so the client dropped the connection");
        Network.Heal();
        (await client.GetStringAsync("k")).Should().Be("v");

        client.Connections.Should().Be(2);
    });

    [Theory]
    [MemberData(nameof(ChaosSeeds))]
    public void No_acknowledged_write_is_lost_under_chaos(ulong seed) => Run(seed, async () =>
    {
        AddServer();
        var client = await ConnectClientAsync();
        Network.StartChaos(new ChaosOptions
        {
            Duration = TimeSpan.FromSeconds(10),
            Hosts = ["server", "client"],
            PartitionsPerMinute = 12,
            ClogsPerMinute = 12,
            ResetsPerMinute = 24,
            LatencySpikesPerMinute = 12,
        });
        var acknowledged = new Dictionary<string, int>();

        for (int i = 0; Reactor.Now < TimeSpan.FromSeconds(10); i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), Reactor.TimeProvider);
            string key = $"key{i % 7}";
            while (true)
            {
                try
                {
                    await client.SetAsync(key, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    acknowledged[key] = i;
                    break;
                }
                catch (KeyValueConnectionException)
                {
                    // Not acknowledged: it may or may not have been applied. SET is idempotent, so send it again.
                }
            }
        }

        Network.Heal();
        foreach (var (key, value) in acknowledged)
        {
            (await GetWithRetryAsync(client, key)).Should().Be(value.ToString(System.Globalization.CultureInfo.InvariantCulture), $"the last acknowledged write of {key} must survive (seed {Seed})");
        }

        Network.FaultCoverage.Total.Should().BeGreaterThan(0, "a chaos run that injected no fault proves nothing");
    });

    private static async Task<string?> GetWithRetryAsync(KeyValueClient client, string key)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return await client.GetStringAsync(key);
            }
            catch (KeyValueConnectionException) when (attempt < 10)
            {
            }
        }
    }

    private SimulatedHost AddServer() => Network.AddHost("server", startup: host =>
    {
        var store = new KeyValueStore(host);
        host.ListenTcp(Port, new KeyValueServerFactory(store));
    });

    private async Task<KeyValueClient> ConnectClientAsync(List<TimeSpan>? attempts = null)
    {
        var options = new KeyValueClientOptions
        {
            TimeProvider = Reactor.TimeProvider,
            RequestTimeout = TimeSpan.FromSeconds(5),
            HeartbeatInterval = TimeSpan.FromSeconds(5),
            ReconnectDelay = TimeSpan.FromMilliseconds(100),
            MaxReconnectDelay = TimeSpan.FromSeconds(2),
            Random = new SeededRandom(Seed),
        };
        var client = await KeyValueClient.ConnectAsync(
            async cancellationToken =>
            {
                attempts?.Add(Reactor.Now);
                return (await Reactor.ConnectAsync("server", Port, cancellationToken: cancellationToken).ConfigureAwait(false)).Stream;
            },
            options);
        _cleanups.Add(async () => await client.DisposeAsync());
        return client;
    }

    /// <summary>Runs <paramref name="scenario"/> on a new network (the test's host is "client") until it completes, then the cleanups.</summary>
    private void Run(ulong seed, Func<Task> scenario)
    {
        Seed = seed;
        Network = new SimulatedNetwork(seed);
        Reactor = Network.AddHost("client");
        Network.RunUntil(
            async () =>
            {
                try
                {
                    await scenario();
                }
                finally
                {
                    foreach (var cleanup in Enumerable.Reverse(_cleanups))
                    {
                        await cleanup();
                    }
                }
            },
            TimeSpan.FromHours(2)).GetAwaiter().GetResult();
    }
}
