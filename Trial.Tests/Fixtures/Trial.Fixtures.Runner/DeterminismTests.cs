namespace Trial.Fixtures.Runner;

/// <summary>A test whose network depends on state kept between runs, which a replay does not reset.</summary>
public sealed class DeterminismTests : TestCase
{
    private static int _runs;

    [ReactorFact]
    public async Task Listens_on_a_port_chosen_by_static_state()
    {
        var port = Reactor.ListenTcp(8000 + Interlocked.Increment(ref _runs), Factory.ForProtocol(() => new Protocol()));
        await port.StopListening();
    }
}
