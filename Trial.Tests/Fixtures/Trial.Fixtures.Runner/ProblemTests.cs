using Microsoft.Extensions.Logging;

namespace Trial.Fixtures.Runner;

public sealed class ProblemTests : TestCase
{
    [ReactorFact]
    public void Leaves_a_delayed_call() => Reactor.CallLater(TimeSpan.FromMinutes(5), Ping);

    [ReactorFact(CheckClean = false)]
    public void Leaves_a_delayed_call_but_opts_out() => Reactor.CallLater(TimeSpan.FromMinutes(5), Ping);

    [ReactorFact]
    public void Leaves_a_listener() => Reactor.ListenTcp(8080, Factory.ForProtocol(() => new Protocol()));

    [ReactorFact]
    public async Task Waits_for_a_reply_nobody_sends() => await WaitForReply(new TaskCompletionSource<string>());

    [ReactorFact]
    public void Leaks_a_deferred_failure() => FailUnhandled();

    [ReactorFact]
    public void Logs_an_error() => new Logger("Fixture.Server", Log).Failure("Lost the database", new InvalidOperationException("database gone"));

    [ReactorFact]
    public void Logs_an_error_and_flushes_it()
    {
        new Logger("Fixture.Server", Log).Failure("Lost the database", new InvalidOperationException("database gone"));
        FlushLoggedErrors<InvalidOperationException>().Should().ContainSingle();
    }

    [ReactorFact]
    public void Logs_information() => new Logger("Fixture.Server", Log, Reactor).Emit(LogLevel.Information, "Listening on {Port}", 8080);

    [ReactorFact(VirtualTimeout = 60)]
    public async Task Waits_past_its_virtual_time_limit() => await Task.Delay(TimeSpan.FromMinutes(2), Reactor.TimeProvider);

    [ReactorFact(WallTimeout = 1)]
    public void Blocks_its_thread() => new ManualResetEventSlim().Wait(TimeSpan.FromSeconds(10));

    [ReactorFact]
    public async Task Awaits_work_on_the_thread_pool()
    {
        int sum = await Task.Run(() => Enumerable.Range(1, 1000).Sum());
        sum.Should().Be(500500);
        Clock.Now.Should().Be(TimeSpan.Zero);
    }

    [ReactorFact]
    public async Task Leaves_a_connection_open()
    {
        var port = Network.AddHost("server").ListenTcp(7, Factory.ForProtocol(() => new Protocol()));
        await Reactor.ConnectAsync("server", 7);
        await port.StopListening();
    }

    [ReactorFact]
    public void Leaves_a_udp_port_open() => Reactor.ListenUdp(53, new Silent());

    [ReactorFact]
    public async Task Leaves_a_connection_attempt_pending()
    {
        Network.AddHost("server");
        Network.Isolate("server");
        Reactor.ConnectTcp("server", 7, ClientFactory.ForProtocol(() => new Protocol()), TimeSpan.FromMinutes(1));
        await Task.Delay(TimeSpan.FromSeconds(1), Reactor.TimeProvider);
    }

    [ReactorFact]
    public Task Has_a_server_whose_callback_throws() => Throwing.ProvokeAsync(Network, Reactor);

    [ReactorFact]
    public void Has_a_cleanup_that_fails() => AddCleanup(CloseTheDatabase);

    [ReactorFact]
    public async Task Waits_on_a_thread_that_is_blocked()
    {
        var gate = new ManualResetEventSlim();
        AddCleanup(gate.Set);
        await Task.Factory.StartNew(() => gate.Wait(), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private static void Ping()
    {
    }

    private static void CloseTheDatabase() => throw new InvalidOperationException("the database was already closed");

    private static async Task<string> WaitForReply(TaskCompletionSource<string> reply) => await reply.Task;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void FailUnhandled() => Deferred.Fail<int>(new TimeoutException("the reply never came"));
}

/// <summary>A server protocol whose callback throws, as a buggy server would.</summary>
internal sealed class Throwing : Protocol
{
    /// <summary>Starts such a server on a new host "server", sends it a request from <paramref name="client"/>, and waits until its connection is aborted.</summary>
    public static async Task ProvokeAsync(SimulatedNetwork network, IReactor client)
    {
        var port = network.AddHost("server").ListenTcp(7, Trial.Protocols.Factory.ForProtocol(() => new Throwing()));
        var connection = await client.ConnectAsync("server", 7);
        await connection.Stream.WriteAsync("hello\n"u8.ToArray());
        await port.StopListening();
        var read = async () => await connection.Stream.ReadAsync(new byte[16]);
        await read.Should().ThrowAsync<IOException>("the server's connection is aborted when its callback throws");
    }

    public override void DataReceived(ReadOnlySpan<byte> data) => throw new FormatException("the server could not parse a request");
}

/// <summary>A datagram protocol that ignores everything.</summary>
internal sealed class Silent : IDatagramProtocol
{
    public void MakeConnection(IDatagramTransport transport)
    {
    }

    public void StartProtocol()
    {
    }

    public void StopProtocol()
    {
    }

    public void DatagramReceived(ReadOnlySpan<byte> datagram, IAddress source)
    {
    }

    public void ConnectionRefused()
    {
    }
}
