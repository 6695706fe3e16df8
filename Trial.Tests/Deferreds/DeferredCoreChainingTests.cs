using Trial.Deferreds;

namespace Trial.Tests.Deferreds;

public sealed class DeferredCoreChainingTests
{
    [Fact]
    public void Callback_ReturningAPausedDeferred_WaitsForItsUnpause()
    {
        var outer = new Deferred<int>();
        var inner = new Deferred<int>();
        inner.Pause();
        object? seen = null;
        outer.AddCallback(_ => inner).AddCallback(r => seen = r);

        outer.Callback(1);
        inner.Callback(2);
        seen.Should().BeNull();
        inner.Unpause();

        seen.Should().Be(2);
    }

    [Fact]
    public void Callback_ReturningAPausedDeferredWithAResult_WaitsForItsUnpause()
    {
        var expected = new object();
        var paused = Deferred.Succeed(expected);
        paused.Pause();
        var chained = new Deferred<object?>();
        chained.AddCallback(_ => paused);
        chained.Callback(null);

        var results = new List<object?>();
        chained.AddCallback(r => { results.Add(r); return r; });
        results.Should().BeEmpty();
        paused.Unpause();

        results.Should().Equal(expected);
    }

    [Fact]
    public void PausedDeferred_EncounteredWhileHandingOnAResult_DoesNotStopTheInnerDeferred()
    {
        var first = new Deferred<object?>();
        var second = new Deferred<object?>();
        first.AddCallback(_ => second);
        first.Callback(null);
        first.Pause();

        second.Callback(null);
        var results = new List<object?>();
        second.AddCallback(r => { results.Add(r); return r; });

        results.Should().Equal([null]);
    }

    [Fact]
    public void SynchronousImplicitChain_TakesTheInnerResultAndLeavesItNull()
    {
        var result = new object();
        var first = Deferred.Succeed(result);
        var second = new Deferred<object?>();
        second.AddCallback(_ => first);

        second.Callback(null);

        first.AddCallback(r => r).SuccessResultOf().Should().BeNull();
        second.SuccessResultOf().Should().BeSameAs(result);
    }

    [Fact]
    public void AsynchronousImplicitChain_GetsTheInnerResultWhenItArrives()
    {
        var first = new Deferred<object?>();
        var second = new Deferred<object?>();
        second.AddCallback(_ => first);
        second.Callback(null);
        var firstResults = new List<object?>();
        var secondResults = new List<object?>();
        first.AddCallback(r => { firstResults.Add(r); return r; });
        second.AddCallback(r => { secondResults.Add(r); return r; });
        secondResults.Should().BeEmpty();
        second.Paused.Should().BeTrue();
        second.ToString().Should().Contain("waiting on");

        var result = new object();
        first.Callback(result);

        firstResults.Should().Equal([null]);
        secondResults.Should().Equal(result);
    }

    [Fact]
    public void SynchronousImplicitErrorChain_MovesTheFailureToTheOuterDeferred()
    {
        var first = Deferred.Fail<object?>(new TestException("first"));
        var second = new Deferred<object?>();
        second.AddCallback(_ => first);

        second.Callback(null);

        first.AddCallback(r => r).SuccessResultOf().Should().BeNull();
        second.FailureResultOf(typeof(TestException));
    }

    [Fact]
    public void AsynchronousImplicitErrorChain_MovesTheLaterFailureToTheOuterDeferred()
    {
        var first = new Deferred<object?>();
        var second = new Deferred<object?>();
        second.AddCallback(_ => first);
        second.Callback(null);
        Failure? secondError = null;
        second.AddErrback(f => { secondError = f; return null; });

        first.Errback(new TestException());

        secondError!.Check<TestException>().Should().NotBeNull();
        first.AddCallback(r => r).SuccessResultOf().Should().BeNull();
    }

    [Fact]
    public void ImplicitChaining_IsTransitive()
    {
        var first = new Deferred<object?>();
        var second = new Deferred<object?>();
        second.AddCallback(_ => first);
        var third = new Deferred<object?>();
        third.AddCallback(_ => second);
        var results = new List<object?>();
        third.AddCallback(r => { results.Add(r); return r; });
        second.Callback(null);
        third.Callback(null);
        results.Should().BeEmpty();

        var result = new object();
        first.Callback(result);

        results.Should().Equal(result);
    }

    [Fact]
    public void NestedDeferreds_ContinueTheOuterChainWhenTheInnermostFires()
    {
        var results = new List<string>();
        var inner = new Deferred<string>();
        var outer = Deferred.Succeed("outer");
        outer.Then(result =>
        {
            results.Add($"start-of-cb {result}");
            return Deferred.Succeed("inner")
                .Then(_ =>
                {
                    results.Add("firstCallback");
                    return inner.Then(r => new[] { r });
                })
                .Then(list =>
                {
                    results.Add($"secondCallback {list[0]}");
                    return list[0] + list[0];
                });
        }).Then(r =>
        {
            results.Add(r);
            return r;
        });
        results.Should().Equal("start-of-cb outer", "firstCallback");

        inner.Callback("orange");

        results.Should().Equal("start-of-cb outer", "firstCallback", "secondCallback orange", "orangeorange");
    }

    [Fact]
    public void CallbackAddedAfterAChainingCallback_RunsAfterTheInnerCallbacks()
    {
        var results = new List<string>();
        var a = new Deferred<string>();
        var outer = new Deferred<string>();
        outer.AddCallback(result =>
        {
            results.Add($"cb {result}");
            var d = new Deferred<object?>();
            d.AddCallback(_ =>
            {
                results.Add("firstCallback");
                return Deferred.GatherResults([a]);
            });
            d.AddCallback(r =>
            {
                results.Add($"secondCallback {string.Join(",", (IReadOnlyList<string>)r!)}");
                return null;
            });
            d.Callback(null);
            return d;
        });
        outer.AddCallback(_ => { results.Add("final"); return null; });
        outer.Callback("outer");
        results.Should().Equal("cb outer", "firstCallback");

        a.Callback("withers");

        results.Should().Equal("cb outer", "firstCallback", "secondCallback withers", "final");
    }

    [Fact]
    public void ChainedDeferreds_FiredOutOfOrder_StillDeliverToCallbacksAddedLater()
    {
        var first = new Deferred<object?>();
        var second = new Deferred<object?>();
        var third = new Deferred<object?>();
        first.AddCallback(_ => second);
        second.AddCallback(_ => third);
        second.Callback(null);
        first.Callback(null);
        third.Callback(null);

        var results = new List<object?>();
        second.AddCallback(r => { results.Add(r); return r; });

        results.Should().Equal([null]);
    }

    [Fact]
    public void Callback_ReturningADeferredThatIsMidCallback_WaitsForThatCallbacksResult()
    {
        var inner = new Deferred<object?>();
        var outer = new Deferred<object?>();
        outer.AddCallback(_ => inner);
        inner.AddCallback(_ =>
        {
            outer.Callback(null);
            return "inner result";
        });

        inner.Callback("input");

        outer.SuccessResultOf().Should().Be("inner result");
        inner.AddCallback(r => r).SuccessResultOf().Should().BeNull();
    }

    [Fact]
    public void LongChains_DoNotGrowTheStack()
    {
        StackDepthOfChain(1).Should().Be(StackDepthOfChain(100));
    }

    [Fact]
    public void Callback_ReturningItsOwnDeferred_FailsInsteadOfWaitingForever()
    {
        var deferred = new Deferred<object?>();
        deferred.AddCallback(_ => deferred);

        deferred.Callback(null);

        deferred.FailureResultOf(typeof(InvalidOperationException)).Message.Should().Contain("same Deferred");
    }

    private static int StackDepthOfChain(int length)
    {
        int depth = -1;
        var top = new Deferred<object?>();
        var inners = Enumerable.Range(0, length).Select(_ => new Deferred<object?>()).ToList();
        var last = new Deferred<object?>();
        top.AddCallback(_ => inners[0]);
        top.AddCallback(_ =>
        {
            depth = new System.Diagnostics.StackTrace().FrameCount;
            return null;
        });
        for (int i = 0; i < length - 1; i++)
        {
            var next = inners[i + 1];
            inners[i].AddCallback(_ => next);
        }

        inners[^1].AddCallback(_ => last);
        top.Callback(null);
        foreach (var inner in inners)
        {
            inner.Callback(null);
        }

        depth.Should().Be(-1);
        last.Callback(null);
        return depth;
    }
}
