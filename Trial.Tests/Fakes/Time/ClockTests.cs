using Trial.Fakes.Time;
using Trial.Time;

namespace Trial.Tests.Fakes.Time;

public sealed class ClockTests
{
    private readonly Clock _clock = new();
    private readonly List<string> _log = [];

    [Fact]
    public void NewClock_StartsAtZeroWithNothingPending()
    {
        _clock.Now.Should().Be(TimeSpan.Zero);
        _clock.GetDelayedCalls().Should().BeEmpty();
        _clock.PendingCallCount.Should().Be(0);
    }

    [Fact]
    public void CallLater_RunsOnlyOnceItsDelayHasElapsed()
    {
        _clock.CallLater(TimeSpan.FromSeconds(2), () => _log.Add("ran"));

        _clock.Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromTicks(1));
        _log.Should().BeEmpty();
        _clock.Advance(TimeSpan.FromTicks(1));
        _log.Should().Equal("ran");
    }

    [Fact]
    public void Advance_RunsEqualTimeCallsInScheduleOrder()
    {
        for (int i = 0; i < 50; i++)
        {
            int n = i;
            _clock.CallLater(TimeSpan.FromSeconds(1), () => _log.Add(n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        _clock.Advance(TimeSpan.FromSeconds(1));

        _log.Should().Equal(Enumerable.Range(0, 50).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Advance_ShowsEachCallbackItsOwnDueTime_AndEndsAtTheTarget()
    {
        var seen = new List<TimeSpan>();
        _clock.CallLater(TimeSpan.FromSeconds(3), () => seen.Add(_clock.Now));
        _clock.CallLater(TimeSpan.FromSeconds(1), () => seen.Add(_clock.Now));

        _clock.Advance(TimeSpan.FromSeconds(10));

        seen.Should().Equal(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
        _clock.Now.Should().Be(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Advance_RunsCallsScheduledInsideTheWindowInTimeOrder()
    {
        _clock.CallLater(TimeSpan.FromSeconds(1), () =>
        {
            _log.Add("a@1");
            _clock.CallLater(TimeSpan.FromSeconds(3), () => _log.Add($"c@{_clock.Now.TotalSeconds}"));
            _clock.CallLater(TimeSpan.FromSeconds(1), () => _log.Add($"b@{_clock.Now.TotalSeconds}"));
            _clock.CallLater(TimeSpan.FromSeconds(20), () => _log.Add("outside"));
        });
        _clock.CallLater(TimeSpan.FromSeconds(3), () => _log.Add("d@3"));

        _clock.Advance(TimeSpan.FromSeconds(5));

        _log.Should().Equal("a@1", "b@2", "d@3", "c@4");
        _clock.GetDelayedCalls().Should().ContainSingle().Which.Time.Should().Be(TimeSpan.FromSeconds(21));
    }

    [Fact]
    public void AdvanceInTwoSteps_EqualsOneAdvanceOfTheSumToTheTick()
    {
        var random = new Random(1234);
        for (int trial = 0; trial < 200; trial++)
        {
            var a = TimeSpan.FromTicks(random.NextInt64(0, 10_000_000_000));
            var b = TimeSpan.FromTicks(random.NextInt64(0, 10_000_000_000));
            var split = new Clock();
            var whole = new Clock();
            var splitTimes = new List<TimeSpan>();
            var wholeTimes = new List<TimeSpan>();
            var due = TimeSpan.FromTicks(random.NextInt64(0, (a + b).Ticks + 1));
            split.CallLater(due, () => splitTimes.Add(split.Now));
            whole.CallLater(due, () => wholeTimes.Add(whole.Now));

            split.Advance(a);
            split.Advance(b);
            whole.Advance(a + b);

            split.Now.Should().Be(whole.Now).And.Be(a + b);
            splitTimes.Should().Equal(wholeTimes).And.Equal(due);
        }
    }

    [Fact]
    public void Reset_ToAnEarlierTime_RunsTheSameCallSooner()
    {
        var call = _clock.CallLater(TimeSpan.FromSeconds(10), () => _log.Add($"ran@{_clock.Now.TotalSeconds}"));
        _clock.Advance(TimeSpan.FromSeconds(1));

        call.Reset(TimeSpan.FromSeconds(2));

        call.Time.Should().Be(TimeSpan.FromSeconds(3));
        _clock.GetDelayedCalls().Should().ContainSingle().Which.Should().BeSameAs(call);
        _clock.Advance(TimeSpan.FromSeconds(2));
        _log.Should().Equal("ran@3");
        call.Called.Should().BeTrue();
    }

    [Fact]
    public void Reset_ToALaterTime_PostponesTheSameCall()
    {
        var call = _clock.CallLater(TimeSpan.FromSeconds(2), () => _log.Add($"ran@{_clock.Now.TotalSeconds}"));
        _clock.Advance(TimeSpan.FromSeconds(1));

        call.Reset(TimeSpan.FromSeconds(5));

        _clock.Advance(TimeSpan.FromSeconds(4) + TimeSpan.FromTicks(9_999_999));
        _log.Should().BeEmpty();
        call.Active.Should().BeTrue();
        _clock.Advance(TimeSpan.FromTicks(1));
        _log.Should().Equal("ran@6");
    }

    [Fact]
    public void Reset_ToATimeOthersShare_RunsAfterThoseScheduledBeforeTheReset()
    {
        var first = _clock.CallLater(TimeSpan.FromSeconds(1), () => _log.Add("reset"));
        _clock.CallLater(TimeSpan.FromSeconds(2), () => _log.Add("other"));

        first.Reset(TimeSpan.FromSeconds(2));
        _clock.Advance(TimeSpan.FromSeconds(2));

        _log.Should().Equal("other", "reset");
    }

    [Fact]
    public void Delay_PushesTheCallBackByTheExtraTime()
    {
        var call = _clock.CallLater(TimeSpan.FromSeconds(2), () => _log.Add($"ran@{_clock.Now.TotalSeconds}"));

        call.Delay(TimeSpan.FromSeconds(3));

        call.Time.Should().Be(TimeSpan.FromSeconds(5));
        _clock.Advance(TimeSpan.FromSeconds(4));
        _log.Should().BeEmpty();
        _clock.Advance(TimeSpan.FromSeconds(1));
        _log.Should().Equal("ran@5");
    }

    [Fact]
    public void Cancel_FromInsideAnotherCallback_KeepsAPendingCallFromRunning()
    {
        IDelayedCall? victim = null;
        _clock.CallLater(TimeSpan.FromSeconds(1), () => victim!.Cancel());
        victim = _clock.CallLater(TimeSpan.FromSeconds(1), () => _log.Add("victim"));
        _clock.CallLater(TimeSpan.FromSeconds(1), () => _log.Add("survivor"));

        _clock.Advance(TimeSpan.FromSeconds(1));

        _log.Should().Equal("survivor");
        victim.Cancelled.Should().BeTrue();
        victim.Active.Should().BeFalse();
    }

    [Fact]
    public void Cancel_AfterTheCallRan_ThrowsAlreadyCalled()
    {
        var call = _clock.CallLater(TimeSpan.Zero, () => { });
        _clock.Advance(TimeSpan.Zero);

        call.Invoking(c => c.Cancel()).Should().Throw<AlreadyCalledException>();
        call.Invoking(c => c.Reset(TimeSpan.FromSeconds(1))).Should().Throw<AlreadyCalledException>();
        call.Invoking(c => c.Delay(TimeSpan.FromSeconds(1))).Should().Throw<AlreadyCalledException>();
    }

    [Fact]
    public void Cancel_FromInsideItsOwnCallback_ThrowsAlreadyCalled()
    {
        IDelayedCall? call = null;
        Exception? error = null;
        call = _clock.CallLater(TimeSpan.Zero, () => error = Record.Exception(() => call!.Cancel()));

        _clock.Advance(TimeSpan.Zero);

        error.Should().BeOfType<AlreadyCalledException>();
    }

    [Fact]
    public void Cancel_Twice_ThrowsAlreadyCancelled()
    {
        var call = _clock.CallLater(TimeSpan.FromSeconds(1), () => { });
        call.Cancel();

        call.Invoking(c => c.Cancel()).Should().Throw<AlreadyCancelledException>();
        call.Invoking(c => c.Reset(TimeSpan.FromSeconds(1))).Should().Throw<AlreadyCancelledException>();
        call.Invoking(c => c.Delay(TimeSpan.FromSeconds(1))).Should().Throw<AlreadyCancelledException>();
        _clock.GetDelayedCalls().Should().BeEmpty();
    }

    [Fact]
    public void CallLater_WithANegativeDelay_ThrowsWithTheValueInTheMessage()
    {
        var act = () => _clock.CallLater(TimeSpan.FromSeconds(-1), () => { });

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*-00:00:01*").Which.ParamName.Should().Be("delay");
    }

    [Fact]
    public void CallLater_WithADelayThatOverflows_Throws()
    {
        _clock.Advance(TimeSpan.FromSeconds(1));

        var act = () => _clock.CallLater(TimeSpan.MaxValue, () => { });

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*overflows*");
    }

    [Fact]
    public void CallLater_WithANullAction_Throws()
    {
        var act = () => _clock.CallLater(TimeSpan.Zero, null!);

        act.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void ResetAndDelay_WithNegativeValues_ThrowWithTheValue()
    {
        var call = _clock.CallLater(TimeSpan.FromSeconds(1), () => { });

        call.Invoking(c => c.Reset(TimeSpan.FromTicks(-5))).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*-00:00:00.0000005*");
        call.Invoking(c => c.Delay(TimeSpan.FromTicks(-5))).Should().Throw<ArgumentOutOfRangeException>();
        call.Active.Should().BeTrue();
    }

    [Fact]
    public void Advance_ByANegativeAmount_ThrowsCannotGoBackInTime()
    {
        _clock.Advance(TimeSpan.FromSeconds(3));

        var act = () => _clock.Advance(TimeSpan.FromSeconds(-1));

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*Cannot go back in time*00:00:03*");
        _clock.Now.Should().Be(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void AdvanceTo_ATimeInThePast_Throws()
    {
        _clock.Advance(TimeSpan.FromSeconds(3));

        var act = () => _clock.AdvanceTo(TimeSpan.FromSeconds(2));

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*Cannot go back in time*");
    }

    [Fact]
    public void AdvanceTo_RunsCallsUpToAndIncludingTheTarget()
    {
        _clock.CallLater(TimeSpan.FromSeconds(5), () => _log.Add("5"));
        _clock.CallLater(TimeSpan.FromSeconds(6), () => _log.Add("6"));

        _clock.AdvanceTo(TimeSpan.FromSeconds(5));

        _log.Should().Equal("5");
        _clock.Now.Should().Be(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Advance_ZeroDelayCallThatReschedulesItself_FailsNamingTheCall()
    {
        _clock.MaxCallsPerInstant = 1000;
        _clock.CallLater(TimeSpan.Zero, Spin);

        var act = () => _clock.Advance(TimeSpan.FromSeconds(1));

        act.Should().Throw<RunawayCallException>().WithMessage($"*1000*{nameof(ClockTests)}.{nameof(Spin)}*");
        _clock.Now.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void MaxCallsPerInstant_DefaultsToOneMillion_AndRejectsZero()
    {
        _clock.MaxCallsPerInstant.Should().Be(1_000_000);

        var act = () => _clock.MaxCallsPerInstant = 0;

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*0*");
    }

    [Fact]
    public void Advance_ManyCallsAtOneInstantBelowTheBound_AllRun()
    {
        _clock.MaxCallsPerInstant = 100;
        int ran = 0;
        for (int i = 0; i < 100; i++)
        {
            _clock.CallLater(TimeSpan.FromSeconds(1), () => ran++);
        }

        for (int i = 0; i < 100; i++)
        {
            _clock.CallLater(TimeSpan.FromSeconds(2), () => ran++);
        }

        _clock.Advance(TimeSpan.FromSeconds(2));

        ran.Should().Be(200);
    }

    [Fact]
    public void Advance_WhenACallbackThrows_PropagatesAndLeavesTheClockConsistent()
    {
        _clock.CallLater(TimeSpan.FromSeconds(1), () => _log.Add("first"));
        var failing = _clock.CallLater(TimeSpan.FromSeconds(2), () => throw new InvalidTimeZoneException("boom"));
        var later = _clock.CallLater(TimeSpan.FromSeconds(3), () => _log.Add("later"));

        var act = () => _clock.Advance(TimeSpan.FromSeconds(10));

        act.Should().Throw<InvalidTimeZoneException>().WithMessage("boom");
        _clock.Now.Should().Be(TimeSpan.FromSeconds(2));
        failing.Called.Should().BeTrue();
        later.Active.Should().BeTrue();
        _clock.GetDelayedCalls().Should().Equal(later);

        _clock.Advance(TimeSpan.FromSeconds(8));
        _log.Should().Equal("first", "later");
        _clock.Now.Should().Be(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Advance_FromInsideACallback_Throws()
    {
        Exception? error = null;
        _clock.CallLater(TimeSpan.FromSeconds(1), () => error = Record.Exception(() => _clock.Advance(TimeSpan.FromSeconds(1))));

        _clock.Advance(TimeSpan.FromSeconds(1));

        error.Should().BeOfType<InvalidOperationException>().Which.Message.Should().Contain("inside");
    }

    [Fact]
    public void GetDelayedCalls_ListsPendingCallsInTheOrderTheyWillRun()
    {
        var c = _clock.CallLater(TimeSpan.FromSeconds(3), () => { });
        var a = _clock.CallLater(TimeSpan.FromSeconds(1), () => { });
        var b1 = _clock.CallLater(TimeSpan.FromSeconds(2), () => { });
        var b2 = _clock.CallLater(TimeSpan.FromSeconds(2), () => { });
        var gone = _clock.CallLater(TimeSpan.FromSeconds(2), () => { });
        var far = _clock.CallLater(TimeSpan.FromDays(3), () => { });
        gone.Cancel();

        _clock.GetDelayedCalls().Should().Equal(a, b1, b2, c, far);
    }

    [Fact]
    public void Pump_AdvancesByEachStepInTurn()
    {
        var seen = new List<TimeSpan>();
        _clock.CallLater(TimeSpan.FromSeconds(1.5), () => seen.Add(_clock.Now));

        _clock.Pump([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)]);

        seen.Should().Equal(TimeSpan.FromSeconds(1.5));
        _clock.Now.Should().Be(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void AdvanceToNextEvent_JumpsToTheNextDueTimeAndRunsEverythingDueThen()
    {
        _clock.CallLater(TimeSpan.FromMinutes(30), () => _log.Add("a"));
        _clock.CallLater(TimeSpan.FromMinutes(30), () => _log.Add("b"));
        _clock.CallLater(TimeSpan.FromMinutes(31), () => _log.Add("c"));

        _clock.AdvanceToNextEvent().Should().BeTrue();

        _log.Should().Equal("a", "b");
        _clock.Now.Should().Be(TimeSpan.FromMinutes(30));
        _clock.AdvanceToNextEvent().Should().BeTrue();
        _clock.AdvanceToNextEvent().Should().BeFalse();
        _clock.Now.Should().Be(TimeSpan.FromMinutes(31));
    }

    [Fact]
    public void RunUntil_StopsAtTheCallThatMakesTheConditionTrue()
    {
        int count = 0;
        for (int i = 1; i <= 10; i++)
        {
            _clock.CallLater(TimeSpan.FromSeconds(i), () => count++);
        }

        _clock.RunUntil(() => count == 4, TimeSpan.FromMinutes(1));

        _clock.Now.Should().Be(TimeSpan.FromSeconds(4));
        _clock.PendingCallCount.Should().Be(6);
    }

    [Fact]
    public void RunUntil_WhenTheLimitPasses_ThrowsTimeoutAndStopsAtTheLimit()
    {
        _clock.CallLater(TimeSpan.FromHours(2), () => { });

        var act = () => _clock.RunUntil(() => false, TimeSpan.FromHours(1));

        act.Should().Throw<TimeoutException>().WithMessage("*01:00:00*");
        _clock.Now.Should().Be(TimeSpan.FromHours(1));
    }

    [Fact]
    public void RunUntil_WithNothingScheduled_FailsAtOnceInsteadOfWaiting()
    {
        var act = () => _clock.RunUntil(() => false, TimeSpan.FromHours(1));

        act.Should().Throw<InvalidOperationException>().WithMessage("*nothing is scheduled*");
        _clock.Now.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void RunUntil_ATask_JumpsVirtualTimeUntilItCompletes()
    {
        var task = _clock.RunUntil(() => DelayTwice(_clock.TimeProvider), TimeSpan.FromDays(1));

        task.IsCompletedSuccessfully.Should().BeTrue();
        _clock.Now.Should().Be(TimeSpan.FromMinutes(45));
    }

    [Fact]
    public void RunUntilIdle_RunsEveryPendingCall()
    {
        _clock.CallLater(TimeSpan.FromSeconds(1), () => _clock.CallLater(TimeSpan.FromHours(1), () => _log.Add("chained")));

        _clock.RunUntilIdle(TimeSpan.FromDays(1));

        _log.Should().Equal("chained");
        _clock.Now.Should().Be(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void RunUntilIdle_WithAPeriodicTimer_FailsAtTheLimit()
    {
        using var timer = _clock.TimeProvider.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        var act = () => _clock.RunUntilIdle(TimeSpan.FromMinutes(1));

        act.Should().Throw<TimeoutException>().WithMessage("*1 calls were still pending*");
        _clock.Now.Should().Be(TimeSpan.FromMinutes(1));
    }

    private static async Task DelayTwice(TimeProvider time)
    {
        await Task.Delay(TimeSpan.FromMinutes(30), time);
        await Task.Delay(TimeSpan.FromMinutes(15), time);
    }

    private void Spin() => _clock.CallLater(TimeSpan.Zero, Spin);
}
