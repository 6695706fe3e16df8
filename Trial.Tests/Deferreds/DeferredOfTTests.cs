using Trial.Deferreds;

namespace Trial.Tests.Deferreds;

public sealed class DeferredOfTTests
{
    [Fact]
    public void Then_MapsTheResultToANewType()
    {
        var deferred = new Deferred<int>();
        var text = deferred.Then(x => x * 2).Then(x => $"#{x}");

        deferred.Callback(21);

        text.SuccessResultOf().Should().Be("#42");
    }

    [Fact]
    public void Then_ThatThrows_FailsTheChain()
    {
        var deferred = Deferred.Succeed(1);

        var result = deferred.Then(Throw);

        result.FailureResultOf(typeof(TestException)).Message.Should().Be("1");

        static int Throw(int value) => throw new TestException($"{value}");
    }

    [Fact]
    public void Then_IsSkippedByAFailure()
    {
        var ran = false;
        var deferred = Deferred.Fail<int>(new TestException());

        var result = deferred.Then(x =>
        {
            ran = true;
            return x;
        });

        ran.Should().BeFalse();
        result.FailureResultOf(typeof(TestException));
    }

    [Fact]
    public void Then_ReturningADeferred_WaitsForIt()
    {
        var inner = new Deferred<string>();
        var result = Deferred.Succeed(1).Then(_ => inner).Then(s => s.Length);
        result.AssertNoResult();

        inner.Callback("four");

        result.SuccessResultOf().Should().Be(4);
    }

    [Fact]
    public void Then_ReturningNullInsteadOfADeferred_Fails()
    {
        var result = Deferred.Succeed(1).Then(_ => (Deferred<string>)null!);

        result.FailureResultOf(typeof(InvalidOperationException)).Message.Should().Contain("returned null");
    }

    [Fact]
    public void Then_OnAResultOfTheWrongType_FailsWithTheValueInTheMessage()
    {
        var deferred = Deferred.Succeed(1);
        deferred.AddCallback(_ => "seven");

        var result = deferred.Then(x => x + 1);

        result.FailureResultOf(typeof(InvalidCastException)).Message.Should().Be("The Deferred's result \"seven\" is not a Int32.");
    }

    [Fact]
    public void Then_OnANullResult_GivesNullForReferenceTypes()
    {
        Deferred.Succeed<string?>(null).Then(x => x is null).SuccessResultOf().Should().BeTrue();
    }

    [Fact]
    public void Catch_RecoversFromTheMatchingException()
    {
        var deferred = Deferred.Fail<int>(new ArgumentNullException("x"));

        var result = deferred.Catch<ArgumentException>(_ => -1);

        result.SuccessResultOf().Should().Be(-1);
    }

    [Fact]
    public void Catch_PassesOtherFailuresOn()
    {
        var deferred = Deferred.Fail<int>(new TestException());

        var result = deferred.Catch<ArgumentException>(_ => -1);

        result.FailureResultOf(typeof(TestException));
    }

    [Fact]
    public void Catch_LeavesResultsAlone()
    {
        Deferred.Succeed(3).Catch<Exception>(_ => -1).SuccessResultOf().Should().Be(3);
    }

    [Fact]
    public void Catch_ReturningADeferred_WaitsForTheRecovery()
    {
        var recovery = new Deferred<int>();
        var result = Deferred.Fail<int>(new TestException()).Catch<TestException>(_ => recovery);
        result.AssertNoResult();

        recovery.Callback(9);

        result.SuccessResultOf().Should().Be(9);
    }

    [Fact]
    public void Catch_ReturningADeferred_PassesOtherFailuresOn()
    {
        var result = Deferred.Fail<int>(new TestException()).Catch<ArgumentException>(_ => Deferred.Succeed(1));

        result.FailureResultOf(typeof(TestException));
    }

    [Fact]
    public void Finally_RunsForResultsAndFailures_LeavingThemAlone()
    {
        int runs = 0;

        Deferred.Succeed(2).Finally(() => runs++).SuccessResultOf().Should().Be(2);
        Deferred.Fail<int>(new TestException()).Finally(() => runs++).FailureResultOf(typeof(TestException));

        runs.Should().Be(2);
    }

    [Fact]
    public void Finally_ThatThrows_ReplacesTheResultWithItsFailure()
    {
        var result = Deferred.Succeed(2).Finally(() => throw new TestException("cleanup"));

        result.FailureResultOf().Message.Should().Be("cleanup");
    }

    [Fact]
    public void Builders_RejectNullFunctions()
    {
        var deferred = new Deferred<int>();

        var acts = new Action[]
        {
            () => deferred.Then((Func<int, int>)null!),
            () => deferred.Then((Func<int, Deferred<int>>)null!),
            () => deferred.Catch((Func<Exception, int>)null!),
            () => deferred.Catch((Func<Exception, Deferred<int>>)null!),
            () => deferred.Finally(null!),
            () => deferred.AddCallback(null!),
            () => deferred.AddErrback(null!),
            () => deferred.AddBoth(null!),
            () => deferred.AddCallbacks(null!, null),
            () => deferred.Errback((Exception)null!),
            () => deferred.Errback((Failure)null!),
        };

        foreach (var act in acts)
        {
            act.Should().Throw<ArgumentNullException>();
        }
    }
}
