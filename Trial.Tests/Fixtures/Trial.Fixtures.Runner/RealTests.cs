namespace Trial.Fixtures.Runner;

public sealed class RealTests : TestCase
{
    [ReactorFact(Mode = ReactorMode.Real)]
    public async Task Listens_and_stops_over_loopback()
    {
        var port = Reactor.ListenTcp(0, Factory.ForProtocol(() => new Protocol()), host: "127.0.0.1");
        ((TcpAddress)port.LocalAddress).Port.Should().BePositive();
        await port.StopListening();
    }

    [ReactorFact(Mode = ReactorMode.Real)]
    public void Leaves_a_listener_open() => Reactor.ListenTcp(0, Factory.ForProtocol(() => new Protocol()), host: "127.0.0.1");

    [ReactorFact(Mode = ReactorMode.Real)]
    public async Task Leaves_a_connection_open()
    {
        await using var listener = await Reactor.ListenStreamsAsync(0, "127.0.0.1");
        _ = await Reactor.ConnectAsync("127.0.0.1", listener.Port);
        _ = await listener.AcceptAsync();
    }

    [ReactorFact(Mode = ReactorMode.Real)]
    public void Fails_in_real_mode() => Reactor.Now.Should().BeNegative("the fixture fails on purpose");

    [ReactorFact(Mode = ReactorMode.Real, WallTimeout = 0.5)]
    public async Task Waits_past_its_real_time_limit() => await new TaskCompletionSource().Task;
}
