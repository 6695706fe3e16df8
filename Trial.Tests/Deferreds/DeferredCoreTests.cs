using Trial.Deferreds;
using Trial.Time;

namespace Trial.Tests.Deferreds;

public sealed class DeferredCoreTests
{
    [Fact]
    public void Callback_RunsCallbacksInOrder_EachGettingThePreviousResult()
    {
        var seen = new List<object?>();
        var deferred = new Deferred<int>();
        deferred.AddCallback(x => { seen.Add(x); return (int)x! + 1; })
            .AddCallback(x => { seen.Add(x); return "done"; });

        deferred.Callback(1);

        seen.Should().Equal(1, 2);
        deferred.AddCallback(x => x).SuccessResultOf().Should().Be("done");
    }

    [Fact]
    public void Callback_ThatThrows_SwitchesToErrbackChain()
    {
        Failure? caught = null;
        var skipped = false;
        var deferred = new Deferred<int>();
        deferred.AddCallback(_ => throw new DivideByZeroException())
            .AddCallback(_ => skipped = true)
            .AddErrback(f => { caught = f; return null; });

        deferred.Callback(1);

        caught!.Exception.Should().BeOfType<DivideByZeroException>();
        skipped.Should().BeFalse();
    }

    [Fact]
    public void Callback_ThatReturnsAFailure_SwitchesToErrbackChain()
    {
        Failure? caught = null;
        var deferred = new Deferred<int>();
        deferred.AddCallback(_ => new Failure(new DivideByZeroException())).AddErrback(f => { caught = f; return null; });

        deferred.Callback(1);

        caught!.Check<DivideByZeroException>().Should().Be(typeof(DivideByZeroException));
    }

    [Fact]
    public void Errback_ThatReturnsAValue_SwitchesBackToCallbackChain()
    {
        var deferred = Deferred.Fail<int>(new TestException());

        var recovered = deferred.AddErrback(_ => "recovered").AddCallback(x => $"{x}!");

        recovered.SuccessResultOf().Should().Be("recovered!");
    }

    [Fact]
    public void Errback_ThatRethrows_StaysOnErrbackChainWithTheSameException()
    {
        var original = new TestException("original");
        var deferred = Deferred.Fail<int>(original);

        var result = deferred.AddErrback(f => f.Trap<ArgumentException>()).AddErrback(f => f);

        result.FailureResultOf().Exception.Should().BeSameAs(original);
    }

    [Fact]
    public void AddCallbacks_CallbackFailure_GoesToTheNextErrbackNotItsPartner()
    {
        var partnerRan = false;
        var deferred = new Deferred<int>();
        var result = deferred.AddCallbacks(_ => throw new TestException(), _ => partnerRan = true);

        deferred.Callback(1);

        partnerRan.Should().BeFalse();
        result.FailureResultOf(typeof(TestException));
    }

    [Fact]
    public void AddCallbacks_WithNoErrback_PassesFailuresOn()
    {
        var deferred = Deferred.Fail<int>(new TestException());

        var result = deferred.AddCallbacks(x => x, null);

        result.FailureResultOf(typeof(TestException));
    }

    [Fact]
    public void AddBoth_RunsForResultsAndFailures()
    {
        var seen = new List<object?>();
        Deferred.Succeed(5).AddBoth(r => { seen.Add(r); return null; });
        Deferred.Fail<int>(new TestException()).AddBoth(r => { seen.Add(r); return null; });

        seen[0].Should().Be(5);
        seen[1].Should().BeOfType<Failure>();
    }

    [Fact]
    public void AddCallback_OnAFiredDeferred_RunsAtOnce()
    {
        var ran = false;

        Deferred.Succeed("x").AddCallback(_ => ran = true);

        ran.Should().BeTrue();
    }

    [Fact]
    public void AddCallback_FromInsideACallback_RunsAfterTheCurrentCallbacks()
    {
        var order = new List<int>();
        var deferred = new Deferred<object?>();
        deferred.AddCallback(_ =>
        {
            order.Add(1);
            deferred.AddCallback(_ => { order.Add(3); return null; });
            order.Should().Equal(1);
            return null;
        });
        deferred.AddCallback(_ => { order.Add(2); return null; });

        deferred.Callback(null);

        order.Should().Equal(1, 2, 3);
    }

    [Fact]
    public void AddCallback_FromInsideACallback_ThatThrows_FailsTheChain()
    {
        var deferred = new Deferred<object?>();
        deferred.AddCallback(_ =>
        {
            deferred.AddCallback(_ => throw new TestException("added later"));
            return null;
        });

        deferred.Callback(null);

        deferred.FailureResultOf(typeof(TestException)).Message.Should().Be("added later");
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void Firing_Twice_ThrowsAlreadyCalledWithBothResults(bool firstSucceeds, bool secondSucceeds)
    {
        var deferred = new Deferred<int>();
        Fire(deferred, firstSucceeds, 1);

        var act = () => Fire(deferred, secondSucceeds, 2);

        var message = act.Should().Throw<AlreadyCalledException>().Which.Message;
        message.Should().Contain(secondSucceeds ? "2" : "second");
        deferred.AddErrback(_ => null);
    }

    [Fact]
    public void Firing_Twice_DescribesAResultWhoseToStringThrowsByItsType()
    {
        var deferred = new Deferred<object?>();
        deferred.Callback(new UnprintableResult());

        var act = () => deferred.Callback(null);

        act.Should().Throw<AlreadyCalledException>().WithMessage("*fired with UnprintableResult; it cannot be fired again with null.");
    }

    [Fact]
    public void Callback_WithADeferred_IsRejected()
    {
        var deferred = new Deferred<object?>();

        var act = () => deferred.Callback(new Deferred<int>());

        act.Should().Throw<ArgumentException>().WithParameterName("result");
        deferred.Called.Should().BeFalse();
    }

    [Fact]
    public void Pause_HoldsCallbacksUntilUnpause()
    {
        Failure? caught = null;
        var deferred = Deferred.Fail<int>(new TestException("fail"));
        deferred.Pause();
        deferred.AddErrback(f => { caught = f; return null; });

        caught.Should().BeNull();
        deferred.Paused.Should().BeTrue();
        deferred.Unpause();

        caught!.Message.Should().Be("fail");
    }

    [Fact]
    public void Pause_Twice_NeedsTwoUnpauses()
    {
        var ran = false;
        var deferred = Deferred.Succeed(1);
        deferred.Pause();
        deferred.Pause();
        deferred.AddCallback(_ => ran = true);

        deferred.Unpause();
        ran.Should().BeFalse();
        deferred.Unpause();

        ran.Should().BeTrue();
    }

    [Fact]
    public void Unpause_BeforeCallback_LetsTheLaterCallbackRun()
    {
        var deferred = new Deferred<int>();
        deferred.Pause();
        deferred.Unpause();

        deferred.Callback(3);

        deferred.SuccessResultOf().Should().Be(3);
    }

    [Fact]
    public void Unpause_WhenNotPaused_Throws()
    {
        var act = () => new Deferred<int>().Unpause();

        act.Should().Throw<InvalidOperationException>().WithMessage("*not paused*");
    }

    private sealed class UnprintableResult
    {
        public override string ToString() => throw new InvalidOperationException();
    }

    private static void Fire(Deferred<int> deferred, bool succeed, int value)
    {
        if (succeed)
        {
            deferred.Callback(value);
        }
        else
        {
            deferred.Errback(new TestException(value == 1 ? "first" : "second"));
        }
    }
}
