using Trial.Deferreds;

namespace Trial.Tests.Deferreds;

public sealed class DeferredListTests
{
    [Fact]
    public void Create_FiresWithEveryOutcomeInListOrder()
    {
        var first = new Deferred<string>();
        var second = new Deferred<string>();
        var third = new Deferred<string>();
        var list = DeferredList.Create([first, second, third]);

        first.Callback("1");
        second.AddErrback(_ => null);
        second.Errback(new TestException("2"));
        list.AssertNoResult();
        third.Callback("3");

        var outcomes = list.SuccessResultOf();
        outcomes[0].Should().Be(DeferredResult<string>.Success("1"));
        outcomes[1].Succeeded.Should().BeFalse();
        outcomes[1].Failure!.Message.Should().Be("2");
        outcomes[2].Value.Should().Be("3");
    }

    [Fact]
    public void Create_OfNothing_FiresAtOnceWithNoOutcomes()
    {
        DeferredList.Create(Array.Empty<Deferred<int>>()).SuccessResultOf().Should().BeEmpty();
    }

    [Fact]
    public void Create_WithFireOnOneErrback_FailsAtTheFirstFailure()
    {
        var first = new Deferred<string>();
        var second = new Deferred<string>();
        var third = new Deferred<string>();
        var list = DeferredList.Create([first, second, third], fireOnOneErrback: true);
        second.AddErrback(_ => null);

        first.Callback("1");
        list.AssertNoResult();
        second.Errback(new TestException("from second"));

        var error = (FirstErrorException)list.FailureResultOf(typeof(FirstErrorException)).Exception;
        error.Index.Should().Be(1);
        error.Failure.Message.Should().Be("from second");
        error.InnerException.Should().BeSameAs(error.Failure.Exception);
        error.Message.Should().Contain("index 1").And.Contain("TestException: from second");
    }

    [Fact]
    public void Create_WithoutConsumeErrors_PassesFailuresOnToLaterErrbacks()
    {
        var member = new Deferred<int>();
        var list = DeferredList.Create([member]);
        Failure? trapped = null;
        member.AddErrback(f =>
        {
            trapped = f;
            return null;
        });

        member.Errback(new TestException("Bang"));

        trapped!.Message.Should().Be("Bang");
        list.SuccessResultOf()[0].Failure!.Message.Should().Be("Bang");
    }

    [Fact]
    public void Create_WithConsumeErrors_LeavesNullInTheFailedDeferred()
    {
        var member = new Deferred<int>();
        var list = DeferredList.Create([member], consumeErrors: true);
        Failure? trapped = null;
        member.AddErrback(f =>
        {
            trapped = f;
            return null;
        });

        member.Errback(new TestException("Bang"));

        trapped.Should().BeNull();
        list.SuccessResultOf()[0].Failure!.Message.Should().Be("Bang");
    }

    [Fact]
    public void Create_OfAlreadyFiredDeferreds_FiresAtOnce()
    {
        var failed = Deferred.Fail<int>(new TestException());
        var succeeded = Deferred.Succeed(2);

        var list = DeferredList.Create([failed, succeeded]);

        list.SuccessResultOf().Should().HaveCount(2);
        DeferredList.Create([Deferred.Fail<int>(new TestException()), new Deferred<int>()], fireOnOneErrback: true, consumeErrors: true)
            .FailureResultOf(typeof(FirstErrorException));
        failed.AddErrback(_ => null);
    }

    [Fact]
    public void Cancel_BeforeItFires_CancelsEveryDeferred()
    {
        var one = new Deferred<int>();
        var two = new Deferred<int>();
        var list = DeferredList.Create([one, two]);

        list.Cancel();

        one.FailureResultOf(typeof(CancelledException));
        two.FailureResultOf(typeof(CancelledException));
        list.SuccessResultOf().Select(o => o.Succeeded).Should().Equal(false, false);
    }

    [Fact]
    public void Cancel_CollectsWhatTheCancellersFireWith()
    {
        var one = new Deferred<string>(d => d.Callback("Callback Result"));
        var two = new Deferred<string>();
        var list = DeferredList.Create([one, two]);

        list.Cancel();

        var outcomes = list.SuccessResultOf();
        outcomes[0].Value.Should().Be("Callback Result");
        outcomes[1].Failure!.Check<CancelledException>().Should().NotBeNull();
        two.FailureResultOf(typeof(CancelledException));
    }

    [Fact]
    public void Cancel_WithFireOnOneErrback_FailsWithTheFirstCancellation()
    {
        var one = new Deferred<int>();
        var two = new Deferred<int>();
        var list = DeferredList.Create([one, two], fireOnOneErrback: true);

        list.Cancel();

        ((FirstErrorException)list.FailureResultOf(typeof(FirstErrorException)).Exception).Failure.Check<CancelledException>().Should().NotBeNull();
        one.FailureResultOf(typeof(CancelledException));
        two.FailureResultOf(typeof(CancelledException));
    }

    [Fact]
    public void Cancel_WithFireOnOneErrback_WhenEveryCancellerCallsBack_Succeeds()
    {
        var one = new Deferred<string>(d => d.Callback("Callback Result"));
        var two = new Deferred<string>(d => d.Callback("Callback Result"));

        var list = DeferredList.Create([one, two], fireOnOneErrback: true);
        list.Cancel();

        list.SuccessResultOf().Select(o => o.Value).Should().Equal("Callback Result", "Callback Result");
    }

    [Fact]
    public void Cancel_OnlyCancelsTheDeferredsGivenAtCreation()
    {
        var one = new Deferred<int>();
        var two = new Deferred<int>();
        var arguments = new List<Deferred<int>> { one, two };
        var list = DeferredList.Create(arguments);
        var three = new Deferred<int>();
        arguments.Add(three);

        list.Cancel();

        three.AssertNoResult();
        one.FailureResultOf(typeof(CancelledException));
        two.FailureResultOf(typeof(CancelledException));
    }

    [Fact]
    public void Cancel_WhenACancellerThrows_StillCancelsTheOthersAndReportsTheError()
    {
        var observer = new RecordingObserver();
        var one = new Deferred<int>(_ => throw new TestException("canceller"));
        var two = new Deferred<int>();
        var list = DeferredList.Create([one, two]);

        using (Deferred.ReportUnhandledFailuresTo(observer))
        {
            list.Cancel();
        }

        two.FailureResultOf(typeof(CancelledException));
        observer.Events.Should().ContainSingle().Which.Exception.Should().BeOfType<TestException>();
        one.AssertNoResult();
        list.FailureResultOf(typeof(CancelledException));
    }

    [Fact]
    public void Cancel_AfterItFired_LeavesTheOtherDeferredsAlone()
    {
        var one = new Deferred<int>();
        var two = new Deferred<int>();
        var list = DeferredList.Create([one, two], fireOnOneErrback: true);
        one.Errback(new TestException());

        list.Cancel();

        two.AssertNoResult();
        one.FailureResultOf(typeof(TestException));
        list.FailureResultOf(typeof(FirstErrorException));
    }

    [Fact]
    public void FirstResult_FiresWithTheIndexOfTheFirstSuccessAndItsResult()
    {
        var one = new Deferred<string>();
        var two = new Deferred<string>();
        var first = DeferredList.FirstResult([one, two]);

        two.Callback("second");
        one.Callback("first");

        first.SuccessResultOf().Should().Be((1, "second"));
    }

    [Fact]
    public void FirstResult_WhenAllFail_FailsWithEveryFailure()
    {
        var one = new Deferred<int>();
        var two = new Deferred<int>();
        var first = DeferredList.FirstResult([one, two], consumeErrors: true);

        two.Errback(new TestException("b"));
        one.Errback(new TestException("a"));

        var group = (FailureGroupException)first.FailureResultOf(typeof(FailureGroupException)).Exception;
        group.Failures.Select(f => f.Message).Should().Equal("a", "b");
        group.InnerExceptions.Should().HaveCount(2);
    }

    [Fact]
    public void FirstResult_WithFireOnOneErrback_FailsAtTheFirstFailure()
    {
        var one = new Deferred<int>();
        var first = DeferredList.FirstResult([one, new Deferred<int>()], fireOnOneErrback: true, consumeErrors: true);

        one.Errback(new TestException());

        first.FailureResultOf(typeof(FirstErrorException));
    }

    [Fact]
    public void FirstResult_Cancelled_WhenACancellerCallsBack_FiresWithThatResult()
    {
        var one = new Deferred<string>(d => d.Callback("Callback Result"));
        var two = new Deferred<string>();
        var first = DeferredList.FirstResult([one, two]);

        first.Cancel();

        first.SuccessResultOf().Should().Be((0, "Callback Result"));
        two.FailureResultOf(typeof(CancelledException));
    }

    [Fact]
    public void FirstResult_AfterItFired_CancelLeavesTheOthersAlone()
    {
        var one = new Deferred<int>();
        var two = new Deferred<int>();
        var first = DeferredList.FirstResult([one, two]);
        one.Callback(1);

        first.Cancel();

        two.AssertNoResult();
    }

    [Fact]
    public void FirstResult_OfNothing_Throws()
    {
        var act = () => DeferredList.FirstResult(Array.Empty<Deferred<int>>());

        act.Should().Throw<ArgumentException>().WithMessage("*at least one*");
    }

    [Fact]
    public void Create_RejectsNullDeferreds()
    {
        var act = () => DeferredList.Create([new Deferred<int>(), null!]);

        act.Should().Throw<ArgumentException>().WithMessage("*index 1*");
        FluentActions.Invoking(() => DeferredList.Create<int>(null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void DeferredResult_Failed_RejectsNull()
    {
        var act = () => DeferredResult<int>.Failed(null!);

        act.Should().Throw<ArgumentNullException>();
        DeferredResult<int>.Failed(new Failure(new TestException())).Succeeded.Should().BeFalse();
    }
}
