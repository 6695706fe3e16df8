using Trial.Deferreds;
using Trial.Time;

namespace Trial.Tests.Deferreds;

public sealed class DeferredTests
{
    private int _cancellerCalls;

    [Fact]
    public void Cancel_WithoutCanceller_FailsWithCancelledException()
    {
        var deferred = new Deferred<int>();

        deferred.Cancel();

        deferred.FailureResultOf(typeof(CancelledException)).Exception.Should().BeAssignableTo<OperationCanceledException>();
    }

    [Fact]
    public void Cancel_WithoutCanceller_SwallowsOneLaterCallback()
    {
        var deferred = new Deferred<int>();
        deferred.Cancel();

        deferred.Callback(1);

        deferred.FailureResultOf(typeof(CancelledException));
    }

    [Fact]
    public void Cancel_WithoutCanceller_SwallowsOneLaterErrback()
    {
        var deferred = new Deferred<int>();
        deferred.Cancel();

        deferred.Errback(new TestException());

        deferred.FailureResultOf(typeof(CancelledException));
    }

    [Fact]
    public void Cancel_WithoutCanceller_ThenTwoCallbacks_TheSecondThrows()
    {
        var deferred = new Deferred<int>();
        deferred.Cancel();
        deferred.Callback(1);
        deferred.Cancel();

        var act = () => deferred.Callback(2);

        act.Should().Throw<AlreadyCalledException>();
        deferred.FailureResultOf(typeof(CancelledException));
    }

    [Fact]
    public void Cancel_Twice_WithoutCanceller_FailsOnce()
    {
        var deferred = new Deferred<int>();
        deferred.Cancel();
        deferred.Cancel();

        deferred.FailureResultOf(typeof(CancelledException));
    }

    [Fact]
    public void Cancel_Twice_CallsTheCancellerOnce()
    {
        var deferred = new Deferred<int>(_ => _cancellerCalls++);
        deferred.Cancel();
        deferred.Cancel();

        _cancellerCalls.Should().Be(1);
        deferred.FailureResultOf(typeof(CancelledException));
    }

    [Fact]
    public void Cancel_WithCanceller_CallsItWithTheDeferred()
    {
        Deferred<int>? given = null;
        var deferred = new Deferred<int>(d => given = d);

        deferred.Cancel();

        given.Should().BeSameAs(deferred);
        deferred.FailureResultOf(typeof(CancelledException));
    }

    [Fact]
    public void Cancel_WithCancellerThatDoesNotFire_ALaterCallbackThrows()
    {
        var deferred = new Deferred<int>(_ => _cancellerCalls++);
        deferred.Cancel();

        var act = () => deferred.Callback(1);

        act.Should().Throw<AlreadyCalledException>();
        deferred.FailureResultOf(typeof(CancelledException));
    }

    [Fact]
    public void Cancel_WithCancellerThatErrbacks_KeepsItsFailure()
    {
        var deferred = new Deferred<int>(d => d.Errback(new TestException("cancelled my way")));

        deferred.Cancel();

        deferred.FailureResultOf(typeof(TestException)).Message.Should().Be("cancelled my way");
    }

    [Fact]
    public void Cancel_WithCancellerThatCallsBack_KeepsItsResult()
    {
        var deferred = new Deferred<string>(d => d.Callback("hello"));

        deferred.Cancel();

        deferred.SuccessResultOf().Should().Be("hello");
    }

    [Fact]
    public void Cancel_AfterCallback_DoesNothing()
    {
        var deferred = new Deferred<int>(_ => _cancellerCalls++);
        deferred.Callback(5);

        deferred.Cancel();

        _cancellerCalls.Should().Be(0);
        deferred.SuccessResultOf().Should().Be(5);
    }

    [Fact]
    public void Cancel_AfterErrback_DoesNothing()
    {
        var deferred = new Deferred<int>(_ => _cancellerCalls++);
        deferred.Errback(new TestException());

        deferred.Cancel();

        _cancellerCalls.Should().Be(0);
        deferred.FailureResultOf(typeof(TestException));
    }

    [Fact]
    public void Cancel_WhileWaitingOnAnInnerDeferred_CancelsTheInnerOne()
    {
        var inner = new Deferred<object?>(_ => _cancellerCalls++);
        var outer = new Deferred<object?>(_ => throw new TestException("the outer canceller must not run"));
        outer.Callback(null);
        outer.AddCallback(_ => inner);

        outer.Cancel();

        _cancellerCalls.Should().Be(1);
        outer.FailureResultOf(typeof(CancelledException));
        inner.Called.Should().BeTrue();
    }

    [Fact]
    public void Cancel_ThroughATypedStage_CancelsTheWholeChain()
    {
        var deferred = new Deferred<int>(_ => _cancellerCalls++);
        var stage = deferred.Then(x => x.ToString());

        stage.Cancel();

        _cancellerCalls.Should().Be(1);
        stage.FailureResultOf(typeof(CancelledException));
    }

    [Fact]
    public void Errback_WithAFailure_RunsTheErrbacksWithThatFailure()
    {
        var failure = new Failure(new TestException());
        var deferred = new Deferred<int>();

        deferred.Errback(failure);

        deferred.FailureResultOf().Should().BeSameAs(failure);
    }

    [Fact]
    public void Callback_WithAFailure_RunsTheErrbacks()
    {
        var deferred = new Deferred<object?>();

        deferred.Callback(new Failure(new TestException()));

        deferred.FailureResultOf(typeof(TestException));
    }

    [Fact]
    public void Callback_OnALaterStageOfAnotherType_IsRejected()
    {
        var deferred = new Deferred<int>();
        var stage = deferred.Then(x => x.ToString());

        var act = () => stage.Callback("1");

        act.Should().Throw<ArgumentException>().WithMessage("*Deferred<String>*Deferred<Int32>*\"1\"*");
        deferred.Called.Should().BeFalse();
    }

    [Fact]
    public void Callback_OnAnUntypedStage_AcceptsTheInputType()
    {
        var deferred = new Deferred<int>();
        var untyped = deferred.AddCallback(x => x);

        untyped.Callback(4);

        deferred.SuccessResultOf().Should().Be(4);
    }

    [Fact]
    public void ToString_ShowsTypeAndState()
    {
        var deferred = new Deferred<int>();
        deferred.ToString().Should().Be("Deferred<Int32> (no result)");

        deferred.Callback(5);
        deferred.ToString().Should().Be("Deferred<Int32> (result: 5)");

        var waiting = Deferred.Succeed("x");
        waiting.AddCallback(_ => new Deferred<string>());
        waiting.ToString().Should().Be("Deferred<String> (waiting on Deferred<String>)");
    }

    [Fact]
    public void ToString_ShowsAFailureByTypeAndMessage()
    {
        var deferred = Deferred.Fail<int>(new TestException("boom"));

        deferred.ToString().Should().Be("Deferred<Int32> (result: failure TestException: boom)");
        deferred.FailureResultOf();
    }

    [Fact]
    public void CancelledException_HasTheStandardConstructors()
    {
        new CancelledException().Message.Should().Be("The Deferred was cancelled.");
        new CancelledException("stopped").Message.Should().Be("stopped");
        new CancelledException("stopped", new TestException()).InnerException.Should().BeOfType<TestException>();
    }

    [Fact]
    public void Called_IsTrueOnceFired()
    {
        var deferred = new Deferred<int>();
        deferred.Called.Should().BeFalse();

        deferred.Callback(1);

        deferred.Called.Should().BeTrue();
    }
}
