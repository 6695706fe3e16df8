using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Trial.Tests.Fakes.Time;

/// <summary>Polly's retry and timeout strategies, given the clock's TimeProvider, run on virtual time.</summary>
public sealed class PollyOnClockTests
{
    [Fact]
    public void RetryPlusTimeout_RetriesEachTimedOutAttemptAfterItsBackoff() => AsyncScenario.RunsIdentically(
        async (clock, log) =>
        {
            var pipeline = new ResiliencePipelineBuilder { TimeProvider = clock.TimeProvider }
                .AddRetry(new RetryStrategyOptions
                {
                    MaxRetryAttempts = 3,
                    Delay = TimeSpan.FromSeconds(1),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = false,
                    ShouldHandle = new PredicateBuilder().Handle<TimeoutRejectedException>(),
                })
                .AddTimeout(TimeSpan.FromSeconds(2))
                .Build();
            int attempts = 0;
            int result = await pipeline.ExecuteAsync(
                async token =>
                {
                    int attempt = ++attempts;
                    log($"attempt {attempt}");
                    if (attempt < 3)
                    {
                        // Slower than the timeout: the timeout strategy cancels it.
                        await Task.Delay(TimeSpan.FromSeconds(10), clock.TimeProvider, token).ConfigureAwait(false);
                    }

                    return attempt;
                }).ConfigureAwait(false);
            log($"result {result}");
        },
        "attempt 1@0",
        "attempt 2@3",
        "attempt 3@7",
        "result 3@7");
}
