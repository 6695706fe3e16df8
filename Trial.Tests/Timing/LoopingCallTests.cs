using Trial.Deferreds;
using Trial.Fakes.Time;
using Trial.Time;
using Trial.Tests.Deferreds;
using Trial.Timing;

namespace Trial.Tests.Timing;

public sealed class LoopingCallTests
{
    private readonly Clock _clock = new();

    private static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    [Fact]
    public void Start_CallsNowAndThenEveryInterval()
    {
        var times = new List<TimeSpan>();
        var loop = new LoopingCall(_clock, () => times.Add(_clock.Now));

        var stopped = loop.Start(Ms(100));
        _clock.Pump([Ms(50), Ms(100), Ms(100)]);

        times.Should().Equal(Ms(0), Ms(100), Ms(200));
        loop.Stop();
        stopped.SuccessResultOf().Should().BeSameAs(loop);
        _clock.PendingCallCount.Should().Be(0);
    }

    [Fact]
    public void Start_NotNow_FirstCallsAfterOneInterval()
    {
        var times = new List<TimeSpan>();
        var loop = new LoopingCall(_clock, () => times.Add(_clock.Now));

        var stopped = loop.Start(Ms(100), now: false);
        _clock.Pump([Ms(50), Ms(100), Ms(100)]);

        times.Should().Equal(Ms(100), Ms(200));
        loop.Stop();
        stopped.SuccessResultOf().Should().BeSameAs(loop);
        _clock.PendingCallCount.Should().Be(0);
    }

    [Fact]
    public void Ticks_StayOnTheGridOfTheStartTime()
    {
        _clock.Advance(Ms(30));
        var times = new List<TimeSpan>();
        var loop = new LoopingCall(_clock, () => times.Add(_clock.Now));

        loop.Start(TimeSpan.FromSeconds(1));
        _clock.Pump([Ms(990), Ms(20), Ms(1000), Ms(1500)]);

        times.Should().Equal(Ms(30), Ms(1030), Ms(2030), Ms(3030));
        loop.Stop();
    }

    [Fact]
    public void Start_WithANegativeInterval_ThrowsWithTheValue()
    {
        var loop = new LoopingCall(_clock, () => { });

        var act = () => loop.Start(TimeSpan.FromSeconds(-1));

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*-00:00:01*");
        loop.Running.Should().BeFalse();
        FluentActions.Invoking(() => loop.Interval = TimeSpan.FromTicks(-1)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Start_WhileRunning_Throws()
    {
        var loop = new LoopingCall(_clock, () => { });
        loop.Start(Ms(10));

        var act = () => loop.Start(Ms(10));

        act.Should().Throw<InvalidOperationException>().WithMessage("*already running*");
        loop.Stop();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void Stop_BeforeTheFirstCall_PreventsEveryCall(int intervalSeconds)
    {
        var ran = false;
        var loop = new LoopingCall(_clock, () => ran = true);
        loop.Start(TimeSpan.FromSeconds(intervalSeconds), now: false);

        loop.Stop();
        _clock.Advance(TimeSpan.FromSeconds(20));

        ran.Should().BeFalse();
        _clock.PendingCallCount.Should().Be(0);
        loop.Running.Should().BeFalse();
    }

    [Fact]
    public void Stop_WhenNotRunning_Throws()
    {
        var act = () => new LoopingCall(_clock, () => { }).Stop();

        act.Should().Throw<InvalidOperationException>().WithMessage("*not running*");
    }

    [Fact]
    public void Stop_FromInsideTheFunction_FiresTheDeferredAfterTheCall()
    {
        LoopingCall? loop = null;
        int calls = 0;
        loop = new LoopingCall(_clock, () =>
        {
            if (++calls == 3)
            {
                loop!.Stop();
            }
        });

        var stopped = loop.Start(Ms(10));
        _clock.Advance(Ms(100));

        calls.Should().Be(3);
        stopped.SuccessResultOf().Should().BeSameAs(loop);
        _clock.PendingCallCount.Should().Be(0);
    }

    [Fact]
    public void FunctionThatThrows_StopsTheLoopAndFailsItsDeferred()
    {
        var loop = new LoopingCall(_clock, () => throw new TestException("bar"));

        var stopped = loop.Start(Ms(100));

        stopped.FailureResultOf(typeof(TestException)).Message.Should().Be("bar");
        loop.Running.Should().BeFalse();
        _clock.PendingCallCount.Should().Be(0);
    }

    [Fact]
    public void FunctionThatStopsTheLoopAndThrows_FailsItsDeferred()
    {
        LoopingCall? loop = null;
        loop = new LoopingCall(_clock, () =>
        {
            loop!.Stop();
            throw new TestException();
        });

        loop.Start(Ms(100)).FailureResultOf(typeof(TestException));
    }

    [Fact]
    public void IntervalZero_CallsAgainAtTheSameInstantUntilStopped()
    {
        LoopingCall? loop = null;
        var times = new List<TimeSpan>();
        loop = new LoopingCall(_clock, () =>
        {
            times.Add(_clock.Now);
            if (times.Count > 5)
            {
                loop!.Stop();
            }
        });

        var stopped = loop.Start(TimeSpan.Zero);
        _clock.Advance(TimeSpan.Zero);

        times.Should().HaveCount(6).And.OnlyContain(t => t == TimeSpan.Zero);
        stopped.SuccessResultOf().Should().BeSameAs(loop);
    }

    [Fact]
    public void IntervalZero_ThatNeverStops_IsCaughtByTheClocksBound_AndCanStillBeStopped()
    {
        var loop = new LoopingCall(_clock, () => { });
        _clock.MaxCallsPerInstant = 100;
        var stopped = loop.Start(TimeSpan.Zero);

        FluentActions.Invoking(() => _clock.Advance(TimeSpan.Zero)).Should().Throw<RunawayCallException>();
        loop.Stop();

        stopped.SuccessResultOf().Should().BeSameAs(loop);
    }

    [Fact]
    public void DeferredReturningFunction_DelaysTheNextTickUntilItFires()
    {
        var loop = (LoopingCall?)null;
        var starts = new List<TimeSpan>();
        loop = new LoopingCall(_clock, () =>
        {
            starts.Add(_clock.Now);
            return _clock.DeferLater(TimeSpan.FromSeconds(1));
        });

        loop.Start(Ms(200));
        _clock.Pump([Ms(200), Ms(800), Ms(200)]);

        starts.Should().Equal(Ms(0), Ms(1200));
        loop.Stop();
    }

    [Fact]
    public void DeferredReturningFunction_StoppedWhileWaiting_FiresWhenTheDeferredDoes()
    {
        var work = new Deferred<int>();
        var loop = new LoopingCall(_clock, () => work);
        var stopped = loop.Start(Ms(200));

        loop.Stop();
        stopped.AssertNoResult();
        FluentActions.Invoking(() => loop.Start(Ms(200))).Should().Throw<InvalidOperationException>().WithMessage("*still waits*");
        work.Callback(1);

        stopped.SuccessResultOf().Should().BeSameAs(loop);
        _clock.PendingCallCount.Should().Be(0);
    }

    [Fact]
    public void DeferredReturningFunction_ThatFails_FailsTheLoop()
    {
        var loop = new LoopingCall(_clock, () => _clock.DeferLater(Ms(300), Fail));

        var stopped = loop.Start(TimeSpan.FromSeconds(1));
        _clock.Advance(Ms(300));

        stopped.FailureResultOf(typeof(TestException));
        _clock.PendingCallCount.Should().Be(0);
    }

    [Fact]
    public void Reset_SkipsTheNextTickAndRestartsTheGridFromNow()
    {
        var ran = new List<TimeSpan>();
        var loop = new LoopingCall(_clock, () => ran.Add(_clock.Now));
        loop.Start(TimeSpan.FromSeconds(2), now: false);
        _clock.Advance(TimeSpan.FromSeconds(1));

        loop.Reset();
        _clock.Advance(TimeSpan.FromSeconds(1));
        ran.Should().BeEmpty();
        _clock.Advance(TimeSpan.FromSeconds(1));

        ran.Should().Equal(TimeSpan.FromSeconds(3));
        loop.Stop();
    }

    [Fact]
    public void Reset_WhenNotRunning_Throws()
    {
        var act = () => new LoopingCall(_clock, () => { }).Reset();

        act.Should().Throw<InvalidOperationException>().WithMessage("*not running*");
    }

    [Fact]
    public void ToString_NamesTheIntervalAndFunction()
    {
        var loop = new LoopingCall(_clock, Tick);
        loop.Start(Ms(250), now: false);

        loop.ToString().Should().Be("LoopingCall(00:00:00.2500000, LoopingCallTests.Tick)");
        loop.Stop();
    }

    [Fact]
    public void Constructors_RejectNull()
    {
        FluentActions.Invoking(() => new LoopingCall(null!, () => { })).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new LoopingCall(_clock, (Action)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new LoopingCall(_clock, (Func<Deferred?>)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => LoopingCall.WithCount(_clock, (Action<int>)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => LoopingCall.WithCount(_clock, (Func<int, Deferred?>)null!)).Should().Throw<ArgumentNullException>();
    }

    private static void Tick()
    {
    }

    private static int Fail() => throw new TestException();
}
