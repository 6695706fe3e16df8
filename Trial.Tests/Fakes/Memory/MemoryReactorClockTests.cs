using Trial.Fakes.Memory;
using Trial.Tests.Support;

namespace Trial.Tests.Fakes.Memory;

public sealed class MemoryReactorClockTests
{
    [Fact]
    public void Advance_RunsDelayedCallsAtTheirTime()
    {
        var reactor = new MemoryReactorClock();
        TimeSpan? ranAt = null;
        reactor.CallLater(TimeSpan.FromSeconds(2), () => ranAt = reactor.Now);

        reactor.Advance(TimeSpan.FromSeconds(1));
        ranAt.Should().BeNull();
        reactor.Advance(TimeSpan.FromSeconds(1));

        ranAt.Should().Be(TimeSpan.FromSeconds(2));
        reactor.Clock.Now.Should().Be(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void CallSoon_RunsOnTheNextAdvance_InOrder_BeforeTimeMoves()
    {
        var reactor = new MemoryReactorClock();
        var ran = new List<string>();
        reactor.CallLater(TimeSpan.Zero, () => ran.Add("later"));
        reactor.CallSoon(() => ran.Add("soon 1"));
        reactor.CallFromThread(() => ran.Add("soon 2"));

        reactor.Advance(TimeSpan.Zero);

        ran.Should().Equal("soon 1", "soon 2", "later");
    }

    [Fact]
    public void AwaitContinuations_PostedToTheReactorsContext_RunWhenTheClockAdvances()
    {
        var reactor = new MemoryReactorClock();
        var gate = new TaskCompletionSource();
        var steps = new List<string>();
        Task? body = null;

        reactor.CallSoon(() => body = Body());
        reactor.Advance(TimeSpan.Zero);
        gate.SetResult();
        steps.Should().Equal("before");

        reactor.Advance(TimeSpan.Zero);

        steps.Should().Equal("before", "after, on the reactor: True");
        body!.IsCompletedSuccessfully.Should().BeTrue();

        async Task Body()
        {
            steps.Add("before");
            await gate.Task;
            steps.Add($"after, on the reactor: {SynchronizationContext.Current == reactor.SynchronizationContext}");
        }
    }

    [Fact]
    public void ItRecordsListensAndConnects_AsAMemoryReactorDoes()
    {
        var reactor = new MemoryReactorClock();

        reactor.ListenTcp(80, new CountingFactory());
        reactor.ConnectTcp("h", 80, new RecordingClientFactory());

        reactor.TcpServers.Should().HaveCount(1);
        reactor.TcpClients.Should().HaveCount(1);
    }
}
