using Trial.Deferreds;

namespace Trial.Tests.Deferreds;

/// <summary>Twisted's <c>successResultOf</c>, <c>failureResultOf</c> and <c>assertNoResult</c>, for these tests.</summary>
internal static class DeferredAssertions
{
    private static readonly object NoResult = new();

    /// <summary>Returns the deferred's current result, failing the test if it has none or has a failure (which is consumed).</summary>
    public static T SuccessResultOf<T>(this Deferred<T> deferred) => Trial.Runner.TestHelpers.SuccessResultOf(deferred);

    /// <summary>Returns (and consumes) the deferred's current failure, checking its type when types are given.</summary>
    public static Failure FailureResultOf<T>(this Deferred<T> deferred, params Type[] expected)
    {
        object? result = Capture(deferred);
        if (result is not Failure failure)
        {
            throw new Xunit.Sdk.XunitException($"Expected {deferred} to have failed, but its result is {(result == NoResult ? "missing" : result ?? "null")}.");
        }

        if (expected.Length > 0 && failure.Check(expected) is null)
        {
            throw new Xunit.Sdk.XunitException($"Expected a failure of type {string.Join(" or ", expected.Select(t => t.Name))}, but got {failure}.");
        }

        return failure;
    }

    /// <summary>Fails the test if the deferred has a result.</summary>
    public static void AssertNoResult<T>(this Deferred<T> deferred)
    {
        object? result = NoResult;
        deferred.AddBoth(r =>
        {
            result = r;
            return r;
        });
        if (result != NoResult)
        {
            if (result is Failure)
            {
                deferred.AddErrback(_ => null);
            }

            throw new Xunit.Sdk.XunitException($"Expected {deferred} to have no result, but it has {result ?? "null"}.");
        }
    }

    private static object? Capture<T>(Deferred<T> deferred)
    {
        object? result = NoResult;
        deferred.AddBoth(r =>
        {
            result = r;
            return r is Failure ? null : r;
        });
        return result;
    }
}
