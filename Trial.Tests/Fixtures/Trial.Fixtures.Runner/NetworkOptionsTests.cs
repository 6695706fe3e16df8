namespace Trial.Fixtures.Runner;

/// <summary>A class that gives some of its tests their own network options.</summary>
public sealed class NetworkOptionsTests : TestCase
{
    protected override NetworkOptions CreateNetworkOptions(string testMethod)
    {
        Outcomes.Record($"options for {testMethod}, seed {Seed}");
        return testMethod switch
        {
            nameof(Runs_on_the_links_its_class_gives) => new() { DefaultLink = new LinkOptions { Latency = TimeSpan.FromMilliseconds(50) } },
            nameof(Calls_the_class_error_handler_and_logs_the_error) => new()
            {
                OnError = (host, what, error) => Outcomes.Record($"class handler: {error.Message} on {host.Name}"),
            },
            nameof(Sweeps_seeds_over_jittery_links) => new() { DefaultLink = new LinkOptions { Jitter = TimeSpan.FromMilliseconds(20) } },
            nameof(Asks_for_options_the_network_rejects) => new() { HighWaterMark = 1024, LowWaterMark = 4096 },
            _ => new(),
        };
    }

    [ReactorFact]
    public async Task Runs_on_the_links_its_class_gives()
    {
        var port = Network.AddHost("server").ListenTcp(7, Factory.ForProtocol(() => new Protocol()));
        var client = await Reactor.ConnectAsync("server", 7);

        Clock.Now.Should().Be(TimeSpan.FromMilliseconds(100), "a connect takes one round trip of 50 ms links");
        Network.Options.DefaultLink.Latency.Should().Be(TimeSpan.FromMilliseconds(50));
        Network.Seed.Should().Be(Seed);
        client.Transport!.LoseConnection();
        await port.StopListening();
        await Task.Delay(TimeSpan.FromSeconds(1), Reactor.TimeProvider);
    }

    [ReactorFact]
    public void Runs_on_the_default_network_when_the_class_gives_nothing_for_it() =>
        Network.Options.DefaultLink.Should().Be(new LinkOptions());

    [ReactorFact]
    public async Task Calls_the_class_error_handler_and_logs_the_error()
    {
        await Throwing.ProvokeAsync(Network, Reactor);

        FlushLoggedErrors<FormatException>().Should().ContainSingle("the runner still logs a protocol's exception as an error of the test");
    }

    [ReactorFact(Seed = 10, Seeds = 3)]
    public async Task Sweeps_seeds_over_jittery_links()
    {
        var port = Network.AddHost("server").ListenTcp(7, Factory.ForProtocol(() => new Echo()));
        var client = await Reactor.ConnectAsync("server", 7);
        var buffer = new byte[16];
        for (int i = 0; i < 5; i++)
        {
            await client.Stream.WriteAsync("ping\n"u8.ToArray());
            await client.Stream.ReadExactlyAsync(buffer.AsMemory(0, 5));
        }

        client.Transport!.LoseConnection();
        await port.StopListening();
        await Task.Delay(TimeSpan.FromSeconds(1), Reactor.TimeProvider);
        Outcomes.Record($"seed {Seed}: trace hash {Network.Trace.Hash}");
        Seed.Should().NotBe(11UL, "seed 11 fails on purpose");
    }

    [ReactorFact]
    public void Asks_for_options_the_network_rejects() => Outcomes.Record("the test ran without its network");

    private sealed class Echo : Protocol
    {
        public override void DataReceived(ReadOnlySpan<byte> data) => Transport!.Write(data);
    }
}
