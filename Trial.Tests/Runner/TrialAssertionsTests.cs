using Xunit.Sdk;

namespace Trial.Tests.Runner;

public sealed class TrialAssertionsTests
{
    [Fact]
    public void Deferred_HaveSucceededWith_PassesOnTheResultAndFailsOtherwise()
    {
        Deferred.Succeed(3).Should().HaveSucceededWith(3).Which.Should().Be(3);

        var act = () => Deferred.Succeed(4).Should().HaveSucceededWith(3);
        act.Should().Throw<XunitException>().WithMessage("Expected deferred to have succeeded with 3, but it succeeded with 4.");
    }

    [Fact]
    public void Deferred_HaveFailedWith_ReturnsTheExceptionAndHandlesTheFailure()
    {
        var deferred = Deferred.Fail<int>(new TimeoutException("late"));

        deferred.Should().HaveFailedWith<TimeoutException>().Which.Message.Should().Be("late");
    }

    [Fact]
    public void Deferred_HaveNoResult_FailsOnceItFired()
    {
        var deferred = new Deferred<string>();
        deferred.Should().HaveNoResult();
        deferred.Callback("x");

        var act = () => deferred.Should().HaveNoResult();
        act.Should().Throw<XunitException>().WithMessage("Expected deferred to have no result, but it succeeded with x.");
    }

    [Fact]
    public void Task_Assertions_ReadTheOutcomeWithoutWaiting()
    {
        Task.FromResult("pong").Should().HaveSucceededWith("pong");
        Task.FromException(new InvalidOperationException("no")).Should().HaveFailedWith<InvalidOperationException>().Which.Message.Should().Be("no");
        new TaskCompletionSource().Task.Should().HaveNoResult();

        var act = () => new TaskCompletionSource<int>().Task.Should().HaveSucceededWith(1);
        act.Should().Throw<XunitException>().WithMessage("Expected task to have succeeded with 1, but it has no result yet.");
    }

    [Fact]
    public void StringTransport_HaveWritten_ComparesEverythingWritten()
    {
        var transport = new StringTransport();
        transport.Write("PONG\r\n"u8);

        transport.Should().HaveWritten("PONG\r\n");
        var act = () => transport.Should().HaveWritten("PING\r\n");
        act.Should().Throw<XunitException>().WithMessage("Expected transport to have written *PING*, but it wrote *PONG*");
    }

    [Fact]
    public void TestHelpers_ReadResultsOfDeferredsAndTasks()
    {
        TestHelpers.SuccessResultOf(Task.FromResult(5)).Should().Be(5);
        TestHelpers.FailureResultOf<OperationCanceledException>(Task.FromCanceled(new CancellationToken(true))).Should().NotBeNull();
        TestHelpers.AssertNoResult(new ValueTask<int>(new TaskCompletionSource<int>().Task));

        var act = () => TestHelpers.SuccessResultOf(new Deferred<int>());
        act.Should().Throw<XunitException>().WithMessage("Expected * to have a result, but it has none yet.");
    }

    [Fact]
    public void TestHelpers_OutsideATrialTest_SayWhereTheyWork()
    {
        var act = () => TestHelpers.MkTemp();

        act.Should().Throw<InvalidOperationException>().WithMessage("No Trial test is running here.*derives from Trial.Runner.TestCase.");
    }

    [Fact]
    public void Task_HaveSucceeded_FailsSayingWhatTheTaskDid()
    {
        Task.CompletedTask.Should().HaveSucceeded();

        var act = () => Task.FromException(new IOException("reset")).Should().HaveSucceeded("the reply was {0}", "sent");
        act.Should().Throw<XunitException>().WithMessage("Expected task to have succeeded because the reply was sent, but it failed with System.IO.IOException: reset.");
    }

    [Fact]
    public void StringTransport_HaveWrittenNothing_FailsOnceAnythingWasWritten()
    {
        var transport = new StringTransport();
        transport.Should().HaveWrittenNothing();
        transport.Write("x"u8);

        var act = () => transport.Should().HaveWrittenNothing();
        act.Should().Throw<XunitException>().WithMessage("Expected transport to have written \"\" (0 bytes), but it wrote \"x\" (1 bytes).");
    }

    [Fact]
    public void NetworkTrace_BeIdenticalTo_NamesTheFirstEventThatDiffers()
    {
        var a = Listening(7);
        Listening(7).Trace.Should().BeIdenticalTo(a.Trace);

        var act = () => Listening(8).Trace.Should().BeIdenticalTo(a.Trace, "both runs use seed {0}", 1);
        act.Should().Throw<XunitException>().WithMessage("Expected trace to be identical to the other because both runs use seed 1, but: *10.0.0.1:8*10.0.0.1:7*");
    }

    [Fact]
    public void NetworkTrace_ContainEvent_FailsShowingTheLastEvents()
    {
        var network = Listening(7);
        network.Trace.Should().ContainEvent("Listen: TCP 10.0.0.1:7");

        var act = () => network.Trace.Should().ContainEvent("ConnectStarted");
        act.Should().Throw<XunitException>().WithMessage("Expected trace to contain an event with \"ConnectStarted\", but none of its 1 events does; the last are:*#0 0.0000000s server Listen: TCP 10.0.0.1:7*");
    }

    private static SimulatedNetwork Listening(int port)
    {
        var network = new SimulatedNetwork(1);
        network.AddHost("server", startup: h => h.ListenTcp(port, Factory.ForProtocol<Protocol>()));
        network.RunUntilIdle(TimeSpan.FromSeconds(1));
        return network;
    }
}
