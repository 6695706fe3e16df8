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
            .WithMessage("Expected Deferred<Int32> (result: null) to succeed with a result of type Int32, but its result is null: *");
    }

    [Fact]
    public void SuccessResultOf_DeferredWhoseResultAnUntypedCallbackReplaced_FailsNamingTheResult()
    {
        var deferred = Deferred.Succeed(3);
        deferred.AddCallback(_ => "three");

        var act = () => TestHelpers.SuccessResultOf(deferred);

        act.Should().Throw<XunitException>()
            .WithMessage("Expected Deferred<Int32> (result: \"three\") to succeed with a result of type Int32, but its result is \"three\": *");
        TestHelpers.SuccessResultOf(Deferred.Succeed<string?>(null)).Should().BeNull("a null result is a result for a reference type");
    }
}
