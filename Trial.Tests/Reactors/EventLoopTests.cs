using Trial.Fakes.Time;
using Trial.Reactors;
using Trial.Time;

namespace Trial.Tests.Reactors;

public sealed class EventLoopTests
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(30);

    [Fact]
    public void Timers_RunWithNoSynchronizationContext_AndPostedWorkWithTheLoops()
    {
        var clock = new Clock();
        SynchronizationContext? inTimer = new();
        SynchronizationContext? inPosted = null;
        clock.CallLater(TimeSpan.FromSeconds(1), () => inTimer = SynchronizationContext.Current);
        clock.Loop.Post(() => inPosted = SynchronizationContext.Current);

        clock.Advance(TimeSpan.FromSeconds(1));

        inTimer.Should().BeNull("a context would keep .NET from running ConfigureAwait(false) continuations inline");
        inPosted.Should().BeSameAs(clock.SynchronizationContext);
    }

    [Fact]
    public void Advance_RestoresTheCallersSynchronizationContext()
    {
        var clock = new Clock();
        var previous = SynchronizationContext.Current;
        var mine = new SynchronizationContext();
        SynchronizationContext.SetSynchronizationContext(mine);
        try
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            SynchronizationContext.Current.Should().BeSameAs(mine);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    [Fact]
    public void EscapedWorkThatNeverFinishes_FailsTheAdvancePastTheBound_SayingWhatWasRunning()
    {
        var clock = new Clock();
        using var blocker = new ManualResetEventSlim();
        using var started = new ManualResetEventSlim();
        clock.Loop.WallClock = new SteppingWallClock(TimeSpan.FromSeconds(1), started);
        Task? stuck = null;
        clock.CallLater(TimeSpan.FromSeconds(1), () => { });
        clock.Loop.Post(() => stuck = Task.Run(() =>
        {
            started.Set();
            blocker.Wait(Bounded); // Blocks a pool thread on something virtual time will never bring.
        }));

        try
        {
            var act = () => clock.Advance(TimeSpan.FromSeconds(2));

            act.Should().Throw<EscapedWorkException>()
                .WithMessage("*00:00:10 of real time*virtual time at 00:00:00*1 thread(s) were running this loop's work*await it instead*");
            started.IsSet.Should().BeTrue();
            clock.Now.Should().Be(TimeSpan.Zero, "time does not move past work that is still running");
        }
        finally
        {
            blocker.Set();
            stuck?.Wait(Bounded);
        }
    }

    [Fact]
    public void EscapedWorkTimeout_DefaultsToTenSeconds_AndRejectsZero()
    {
        var loop = new EventLoop(Clock.DefaultEpoch);

        loop.EscapedWorkTimeout.Should().Be(TimeSpan.FromSeconds(10));
        var act = () => loop.EscapedWorkTimeout = TimeSpan.Zero;
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*00:00:00*");
    }

    [Fact]
    public void Close_RefusesNewWorkWithTheReason_ButKeepsWhatWasQueued()
    {
        var loop = new EventLoop(Clock.DefaultEpoch);
        bool ran = false;
        loop.Post(() => ran = true);

        loop.Close("the loop is gone");

        loop.IsClosed.Should().BeTrue();
        loop.TryPost(() => { }).Should().BeFalse();
        FluentActions.Invoking(() => loop.Post(() => { })).Should().Throw<InvalidOperationException>().WithMessage("the loop is gone");
        FluentActions.Invoking(() => loop.CallLater(TimeSpan.Zero, () => { })).Should().Throw<InvalidOperationException>().WithMessage("the loop is gone");
        using (loop.Enter("cannot run"))
        {
            loop.RunReady().Should().Be(1);
        }

        ran.Should().BeTrue();
    }

    [Fact]
    public void OnError_ReceivesWhatACallThrows_AndTheLoopGoesOn()
    {
        var errors = new List<Exception>();
        var loop = new EventLoop(Clock.DefaultEpoch, onError: errors.Add);
        bool later = false;
        loop.CallLater(TimeSpan.FromSeconds(1), () => throw new InvalidOperationException("boom"));
        loop.CallLater(TimeSpan.FromSeconds(2), () => later = true);

        using (loop.Enter("cannot run"))
        {
            loop.RunTo(TimeSpan.FromSeconds(2));
        }

        errors.Should().ContainSingle().Which.Message.Should().Be("boom");
        later.Should().BeTrue();
        loop.Now.Should().Be(TimeSpan.FromSeconds(2));
    }

    /// <summary>
    /// A wall clock that moves by a fixed step each time it is read, so a bound in real time is reached at once;
    /// it first lets the escaped work start (a bounded wait), so the test does not race the pool's start-up.
    /// </summary>
    private sealed class SteppingWallClock(TimeSpan step, ManualResetEventSlim started) : IWallClock
    {
        private long _ticks;

        public long ElapsedTicks
        {
            get
            {
                started.Wait(Bounded);
                return Interlocked.Add(ref _ticks, step.Ticks);
            }
        }
    }
}
