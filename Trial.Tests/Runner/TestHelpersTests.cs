using Xunit.Sdk;

namespace Trial.Tests.Runner;

public sealed class TestHelpersTests
{
    [Fact]
    public void SuccessResultOf_ValueTypeDeferredWhoseFailureWasHandled_FailsSayingTheResultIsNull()
    {
        var deferred = Deferred.Fail<int>(new TimeoutException("late"));
        deferred.AddErrback(_ => null);

        var act = () => TestHelpers.SuccessResultOf(deferred);

        act.Should().Throw<XunitException>()
            .WithMessage("Expected the Deferred<Int32> to succeed with a result of type Int32, but its result is null: *");
    }

    [Fact]
    public void SuccessResultOf_DeferredWhoseResultAnUntypedCallbackReplaced_FailsNamingTheResult()
    {
        var deferred = Deferred.Succeed(3);
        deferred.AddCallback(_ => "three");

        var act = () => TestHelpers.SuccessResultOf(deferred);

        act.Should().Throw<XunitException>()
            .WithMessage("Expected the Deferred<Int32> to succeed with a result of type Int32, but its result is \"three\": *");
        TestHelpers.SuccessResultOf(Deferred.Succeed<string?>(null)).Should().BeNull("a null result is a result for a reference type");
    }

    [Fact]
    public void SuccessResultOf_FailedDeferred_FailsWithTheFailureAndHandlesIt()
    {
        var deferred = Deferred.Fail<int>(new TimeoutException("late"));

        var act = () => TestHelpers.SuccessResultOf(deferred);

        act.Should().Throw<XunitException>().WithMessage("Expected the Deferred<Int32> to succeed, but it failed with [Failure System.TimeoutException: late]");
        TestHelpers.AssertNoResult(new Deferred<int>());
        var after = () => TestHelpers.AssertNoResult(deferred);
        after.Should().Throw<XunitException>().WithMessage("Expected the Deferred<Int32> to have no result, but it has null.", "the failure was handled");
    }

    [Fact]
    public void SuccessResultOf_Tasks_FailUnlessTheySucceeded()
    {
        var pending = () => TestHelpers.SuccessResultOf(new TaskCompletionSource().Task);
        pending.Should().Throw<XunitException>().WithMessage("Expected the task to have a result, but it is still WaitingForActivation.");
        var failed = () => TestHelpers.SuccessResultOf(Task.FromException(new IOException("broken pipe")));
        failed.Should().Throw<XunitException>().WithMessage("Expected the task to succeed, but it failed with System.IO.IOException: broken pipe*");
        var cancelled = () => TestHelpers.SuccessResultOf(ValueTask.FromCanceled(new CancellationToken(true)));
        cancelled.Should().Throw<XunitException>().WithMessage("Expected the task to succeed, but it was cancelled with System.Threading.Tasks.TaskCanceledException*");
        TestHelpers.SuccessResultOf(new ValueTask<string>("done")).Should().Be("done");
    }

    [Fact]
    public void FailureResultOf_Deferred_ReturnsTheExceptionOrSaysWhatItHas()
    {
        TestHelpers.FailureResultOf<TimeoutException>(Deferred.Fail<int>(new TimeoutException("late"))).Message.Should().Be("late");

        var pending = () => TestHelpers.FailureResultOf<TimeoutException>(new Deferred<int>());
        pending.Should().Throw<XunitException>().WithMessage("Expected the Deferred<Int32> to have failed with TimeoutException, but it has no result yet.");
        var other = () => TestHelpers.FailureResultOf<TimeoutException>(Deferred.Fail<int>(new IOException("reset")));
        other.Should().Throw<XunitException>().WithMessage("Expected * to have failed with TimeoutException, but it failed with *IOException: reset*");
        var succeeded = () => TestHelpers.FailureResultOf<TimeoutException>(Deferred.Succeed(4));
        succeeded.Should().Throw<XunitException>().WithMessage("Expected the Deferred<Int32> to have failed with TimeoutException, but it succeeded with 4.");
    }

    [Fact]
    public void FailureResultOf_Tasks_ReturnsTheExceptionOrSaysWhatTheTaskDid()
    {
        TestHelpers.FailureResultOf<IOException>(ValueTask.FromException(new IOException("reset"))).Message.Should().Be("reset");

        var pending = () => TestHelpers.FailureResultOf<IOException>(new TaskCompletionSource().Task);
        pending.Should().Throw<XunitException>().WithMessage("Expected the task to have failed with IOException, but it is still WaitingForActivation.");
        var succeeded = () => TestHelpers.FailureResultOf<IOException>(Task.CompletedTask);
        succeeded.Should().Throw<XunitException>().WithMessage("Expected the task to have failed with IOException, but it succeeded.");
        var other = () => TestHelpers.FailureResultOf<IOException>(Task.FromException(new TimeoutException("late")));
        other.Should().Throw<XunitException>().WithMessage("Expected the task to have failed with IOException, but it failed with System.TimeoutException: late*");
    }

    [Fact]
    public void AssertNoResult_Tasks_FailOnceTheyCompleted()
    {
        TestHelpers.AssertNoResult(new ValueTask(new TaskCompletionSource().Task));

        var done = () => TestHelpers.AssertNoResult(ValueTask.CompletedTask);
        done.Should().Throw<XunitException>().WithMessage("Expected the task to have no result, but it is RanToCompletion.");
        var failed = () => TestHelpers.AssertNoResult(Task.FromException(new IOException("reset")));
        failed.Should().Throw<XunitException>().WithMessage("Expected the task to have no result, but it is Faulted with System.IO.IOException: reset*");
    }
}
