using Trial.Deferreds;
using Trial.Fakes.Time;
using Trial.Tests.Deferreds;
using Trial.Timing;

namespace Trial.Tests.Timing;

public sealed class LoopingCallWithCountTests
{
    private readonly Clock _clock = new();

    private static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    [Fact]
    public void WithCount_PassesOneWhenNoTickWasMissed()
    {
        var counts = new List<(TimeSpan, int)>();
        var loop = LoopingCall.WithCount(_clock, n => counts.Add((_clock.Now, n)));

        loop.Start(Ms(500));
        _clock.Pump([Ms(510), Ms(980)]);

        counts.Should().Equal((Ms(0), 1), (Ms(500), 1), (Ms(1000), 1));
        loop.Stop();
    }

    [Fact]
    public void WithCount_CountsTheIntervalsMissedWhileADeferredWasPending()
    {
        var pending = new Deferred<int>();
        var counts = new List<int>();
        var loop = LoopingCall.WithCount(_clock, n =>
        {
            counts.Add(n);
            return counts.Count == 1 ? pending : null;
        });

        loop.Start(Ms(200), now: false);
        _clock.Pump([Ms(200), Ms(400)]);
        counts.Should().Equal(1);
        pending.Callback(0);
        _clock.Pump([Ms(200)]);

        counts.Should().Equal(1, 3);
        loop.Stop();
    }

    [Fact]
    public void WithCount_SumsToTheNumberOfElapsedIntervals()
    {
        var counts = new List<int>();
        var loop = LoopingCall.WithCount(_clock, n => counts.Add(n));
        loop.Start(Ms(100), now: false);

        for (int i = 0; i < 10; i++)
        {
            _clock.Advance(Ms(100));
        }

        counts.Sum().Should().Be(10);
        counts.Should().NotContain(0);
        loop.Stop();
    }

    [Fact]
    public void WithCount_IntervalZero_AlwaysCountsOne()
    {
        LoopingCall? loop = null;
        var counts = new List<int>();
        loop = LoopingCall.WithCount(_clock, n =>
        {
            counts.Add(n);
            if (counts.Count > 4)
            {
                loop!.Stop();
            }
        });

        var stopped = loop.Start(TimeSpan.Zero, now: false);
        _clock.Advance(TimeSpan.Zero);

        counts.Should().Equal(1, 1, 1, 1, 1);
        stopped.SuccessResultOf().Should().BeSameAs(loop);
    }

    [Fact]
    public void WithCount_IntervalZeroWithADelay_StillCountsOne()
    {
        LoopingCall? loop = null;
        var pending = new Deferred<int>();
        var counts = new List<int>();
        loop = LoopingCall.WithCount(_clock, n =>
        {
            counts.Add(n);
            if (counts.Count == 2)
            {
                return pending;
            }

            if (counts.Count > 4)
            {
                loop!.Stop();
            }

            return null;
        });
        loop.Start(TimeSpan.Zero, now: false);

        _clock.Advance(TimeSpan.Zero);
        counts.Should().Equal(1, 1);
        _clock.Advance(TimeSpan.FromSeconds(2));
        counts.Should().Equal(1, 1);
        pending.Callback(0);
        _clock.Advance(TimeSpan.Zero);

        counts.Should().Equal(1, 1, 1, 1, 1);
    }

    [Fact]
    public void WithCount_IntervalChangedWhileWaiting_CountsFromTheLastCall()
    {
        var pending = new Deferred<int>();
        var counts = new List<int>();
        var loop = LoopingCall.WithCount(_clock, n =>
        {
            counts.Add(n);
            return counts.Count == 2 ? pending : null;
        });
        loop.Start(TimeSpan.Zero, now: false);
        _clock.Advance(TimeSpan.FromSeconds(10));
        counts.Should().Equal(1, 1);

        loop.Interval = TimeSpan.FromSeconds(2);
        pending.Callback(0);
        _clock.Advance(TimeSpan.FromSeconds(2));
        counts.Should().Equal(1, 1, 6);
        _clock.Advance(TimeSpan.FromSeconds(2));
        counts.Should().Equal(1, 1, 6, 1);
        loop.Stop();
    }

    [Fact]
    public void WithCount_AfterTheIntervalGrows_SkipsATickThatFallsInTheSameInterval()
    {
        var calls = new List<(TimeSpan, int)>();
        var loop = LoopingCall.WithCount(_clock, n => calls.Add((_clock.Now, n)));
        loop.Start(TimeSpan.FromSeconds(1));
        _clock.Advance(TimeSpan.FromSeconds(1));

        loop.Interval = TimeSpan.FromSeconds(10);
        _clock.Advance(TimeSpan.FromSeconds(9));

        calls.Should().Equal((TimeSpan.Zero, 1), (TimeSpan.FromSeconds(1), 1), (TimeSpan.FromSeconds(10), 1));
        loop.Stop();
    }
}
