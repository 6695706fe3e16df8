using Trial.Fakes.Time;
using Trial.Time;

namespace Trial.Tests.Time;

public sealed class ReactorSynchronizationContextTests
{
    private readonly Clock _clock = new();

    [Fact]
    public void Post_RunsInFifoOrderWhenTheClockRuns()
    {
        var log = new List<int>();
        for (int i = 0; i < 20; i++)
        {
            int n = i;
            _clock.SynchronizationContext.Post(_ => log.Add(n), null);
        }

        log.Should().BeEmpty("posts wait for the clock's loop");
        _clock.Advance(TimeSpan.Zero);

        log.Should().Equal(Enumerable.Range(0, 20));
    }

    [Fact]
    public void Posts_RunBeforeTimersAtEachInstant()
    {
        var log = new List<string>();
        _clock.CallLater(TimeSpan.FromSeconds(1), () =>
        {
            log.Add("timer1");
            _clock.SynchronizationContext.Post(_ => log.Add("posted-by-timer1"), null);
        });
        _clock.CallLater(TimeSpan.FromSeconds(1), () => log.Add("timer2"));

        _clock.Advance(TimeSpan.FromSeconds(1));

        log.Should().Equal("timer1", "posted-by-timer1", "timer2");
    }

    [Fact]
    public void Post_FromAnotherThread_RunsOnTheClock()
    {
        int ranOn = -1;
        var thread = new Thread(() => _clock.SynchronizationContext.Post(_ => ranOn = Environment.CurrentManagedThreadId, null));
        thread.Start();
        thread.Join(TimeSpan.FromSeconds(30)).Should().BeTrue();

        _clock.Advance(TimeSpan.Zero);

        ranOn.Should().Be(Environment.CurrentManagedThreadId);
    }

    [Fact]
    public void Send_FromOutsideTheLoop_IsNotSupported()
    {
        var act = () => _clock.SynchronizationContext.Send(_ => { }, null);

        act.Should().Throw<NotSupportedException>().WithMessage("*Post*");
    }

    [Fact]
    public void Send_FromInsideTheLoop_RunsInline()
    {
        bool ran = false;
        _clock.SynchronizationContext.Post(_ => SynchronizationContext.Current!.Send(_ => ran = true, null), null);

        _clock.Advance(TimeSpan.Zero);

        ran.Should().BeTrue();
        _clock.SynchronizationContext.CreateCopy().Should().BeSameAs(_clock.SynchronizationContext);
    }

    [Fact]
    public void AsyncLoopThatOnlyYields_FailsAsARunawayNamingItsContinuation()
    {
        _clock.MaxCallsPerInstant = 500;
        static async Task YieldForever()
        {
            while (true)
            {
                await Task.Yield();
            }
        }

        Action act = () => _clock.RunUntil(YieldForever, TimeSpan.FromSeconds(1));

        act.Should().Throw<RunawayCallException>().WithMessage("*500*");
    }

    [Fact]
    public void AwaitContinuations_RunInTheOrderTheirTasksCompleted()
    {
        var log = new List<string>();
        async Task Waiter(string name, TimeSpan delay)
        {
            await Task.Delay(delay, _clock.TimeProvider);
            log.Add($"{name}@{_clock.Now.TotalSeconds}");
        }

        _clock.RunUntil(() => Task.WhenAll(Waiter("b", TimeSpan.FromSeconds(2)), Waiter("a", TimeSpan.FromSeconds(1)), Waiter("c", TimeSpan.FromSeconds(2))), TimeSpan.FromMinutes(1));

        log.Should().Equal("a@1", "b@2", "c@2");
    }
}
