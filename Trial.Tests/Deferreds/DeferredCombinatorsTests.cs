using Trial.Deferreds;

namespace Trial.Tests.Deferreds;

public sealed class DeferredCombinatorsTests
{
    [Fact]
    public void GatherResults_FiresWithEveryResultInOrder()
    {
        Deferred.GatherResults([Deferred.Succeed(1), Deferred.Succeed(2)]).SuccessResultOf().Should().Equal(1, 2);
    }

    [Fact]
    public void GatherResults_FailsWithTheFirstError()
    {
        var failing = Deferred.Fail<int>(new ArgumentException());

        var gathered = Deferred.GatherResults([Deferred.Succeed(1), failing]);

        var error = (FirstErrorException)gathered.FailureResultOf(typeof(FirstErrorException)).Exception;
        error.Failure.Check<ArgumentException>().Should().NotBeNull();
        error.Index.Should().Be(1);
        failing.FailureResultOf(typeof(ArgumentException));
    }

    [Fact]
    public void GatherResults_WithConsumeErrors_LeavesNullInTheFailedDeferred()
    {
        var failing = Deferred.Fail<int>(new TestException());

        var gathered = Deferred.GatherResults([failing], consumeErrors: true);

        gathered.FailureResultOf(typeof(FirstErrorException));
        failing.AddCallback(r => r).SuccessResultOf().Should().BeNull();
    }

    [Fact]
    public void GatherResults_Cancelled_CancelsEveryDeferredAndFailsWithTheFirst()
    {
        var one = new Deferred<int>();
        var two = new Deferred<int>();
        var gathered = Deferred.GatherResults([one, two]);

        gathered.Cancel();

        one.FailureResultOf(typeof(CancelledException));
        two.FailureResultOf(typeof(CancelledException));
        ((FirstErrorException)gathered.FailureResultOf(typeof(FirstErrorException)).Exception).Failure.Check<CancelledException>().Should().NotBeNull();
    }

    [Fact]
    public void GatherResults_Cancelled_WhenEveryCancellerCallsBack_Succeeds()
    {
        var one = new Deferred<string>(d => d.Callback("Callback Result"));
        var two = new Deferred<string>(d => d.Callback("Callback Result"));
        var gathered = Deferred.GatherResults([one, two]);

        gathered.Cancel();

        gathered.SuccessResultOf().Should().Equal("Callback Result", "Callback Result");
    }

    [Fact]
    public void Race_FiresWithTheFirstSuccessAndCancelsTheRest()
    {
        var cancelled = new List<int>();
        var one = new Deferred<string>(_ => cancelled.Add(0));
        var two = new Deferred<string>(_ => cancelled.Add(1));
        var three = new Deferred<string>(_ => cancelled.Add(2));
        var race = Deferred.Race([one, two, three]);
        race.AssertNoResult();

        two.Callback("winner");

        race.SuccessResultOf().Should().Be((1, "winner"));
        cancelled.Should().Equal(0, 2);
        one.Called.Should().BeTrue();
        three.Called.Should().BeTrue();
    }

    [Fact]
    public void Race_AFailureBeforeASuccess_DoesNotDecideIt()
    {
        var one = new Deferred<int>();
        var two = new Deferred<int>();
        var race = Deferred.Race([one, two]);

        one.Errback(new TestException());
        race.AssertNoResult();
        two.Callback(2);

        race.SuccessResultOf().Should().Be((1, 2));
    }

    [Fact]
    public void Race_WhenAllFail_FailsWithEveryFailureInListOrder()
    {
        var one = new Deferred<int>();
        var two = new Deferred<int>();
        var race = Deferred.Race([one, two]);

        two.Errback(new TestException("second"));
        one.Errback(new TestException("first"));

        var group = (FailureGroupException)race.FailureResultOf(typeof(FailureGroupException)).Exception;
        group.Failures.Select(f => f.Message).Should().Equal("first", "second");
        group.Message.Should().StartWith("All 2 Deferreds failed.");
    }

    [Fact]
    public void Race_Cancelled_CancelsEveryDeferred()
    {
        var one = new Deferred<int>();
        var two = new Deferred<int>();
        var race = Deferred.Race([one, two]);

        race.Cancel();

        race.FailureResultOf(typeof(FailureGroupException));
        one.AddCallback(r => r).SuccessResultOf().Should().BeNull();
        two.Called.Should().BeTrue();
    }

    [Fact]
    public void Race_WhenTheWinnersCancellationOfAnotherCallsBack_KeepsTheFirstWinner()
    {
        var one = new Deferred<string>();
        var two = new Deferred<string>(d => d.Callback("late"));
        var race = Deferred.Race([one, two]);

        one.Callback("first");

        race.SuccessResultOf().Should().Be((0, "first"));
    }

    [Fact]
    public void Race_OfNothing_Throws()
    {
        var act = () => Deferred.Race(Array.Empty<Deferred<int>>());

        act.Should().Throw<ArgumentException>();
    }
}
