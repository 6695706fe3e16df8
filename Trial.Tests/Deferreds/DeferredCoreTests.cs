using Trial.Deferreds;
using Trial.Time;

namespace Trial.Tests.Deferreds;

public sealed class DeferredCoreTests
{
    [Fact]
    public void Callback_RunsCallbacksInOrder_EachGettingThePreviousResult()
    {
        var seen = new List<object?>();
        var deferred = new Deferred<int>();
        deferred.AddCallback(x => { seen.Add(x); return (int)x! + 1; })
            .AddCallback(x => { seen.Add(x); return "done"; });

        deferred.Callback(1);

        seen.Should().Equal(1, 2);
        deferred.AddCallback(x => x).SuccessResultOf().Should().Be("done");
    }

    [Fact]
    public void Callback_ThatThrows_SwitchesToErrbackChain()
    {
        Failure? caught = null;
        var skipped = false;
        var deferred = new Deferred<int>();
        deferred.AddCallback(_ => throw new DivideByZeroException())
            .AddCallback(_ => skipped = true)
            .AddErrback(f => { caught = f; return null; });

        deferred.Callback(1);

        caught!.Exception.Should().BeOfType<DivideByZeroException>();
        skipped.Should().BeFalse();
    }

    [Fact]
    public void Callback_ThatReturnsAFailure_SwitchesToErrbackChain()
    {
        Failure? caught = null;
        var deferred = new Deferred<int>();
        deferred.AddCallback(_ => new Failure(new DivideByZeroException())).AddErrback(f => { caught = f; return null; });

        deferred.Callback(1);

        caught!.Check<DivideByZeroException>().Should().Be(typeof(DivideByZeroException));
    }

    [Fact]
    public void Errback_ThatReturnsAValue_SwitchesBackToCallbackChain()
    {
        var deferred = Deferred.Fail<int>(new TestException());

        var recovered = deferred.AddErrback(_ => "recovered").AddCallback(x => $"{x}!");

        recovered.SuccessResultOf().Should().Be("recovered!");
    }

    [Fact]
    public void Errback_ThatRethrows_StaysOnErrbackChainWithTheSameException()
    {
        var original = new TestException("original");
        var deferred = Deferred.Fail<int>(original);

        var result = deferred.AddErrback(f => f.Trap<ArgumentException>()).AddErrback(f => f);

        result.FailureResultOf().Exception.Should().BeSameAs(original);
    }

    [Fact]
    public void AddCallbacks_CallbackFailure_GoesToTheNextErrbackNotItsPartner()
    {
        var partnerRan = false;
        var deferred = new Deferred<int>();
        var result = deferred.AddCallbacks(_ => throw new TestException(), _ => partnerRan = true);

        deferred.Callback(1);

        partnerRan.Should().BeFalse();
        result.FailureResultOf(typeof(TestException));
    }

    [Fact]
    public void AddCallbacks_WithNoErrback_PassesFailuresOn()
    {
        var deferred = Deferred.Fail<int>(new TestException());

        var result = deferred.AddCallbacks(x => x, null);

        result.FailureResultOf(typeof(TestException));
    }

    [Fact]
    public void AddBoth_RunsForResultsAndFailures()
    {
        var seen = new List<object?>();
        Deferred.Succeed(5).AddBoth(r => { seen.Add(r); return null; });
        Deferred.Fail<int>(new TestException()).AddBoth(r => { seen.Add(r); return null; });

        seen[0].Should().Be(5);
        seen[1].Should().BeOfType<Failure>();
    }

    [Fact]
    public void AddCallback_OnAFiredDeferred_RunsAtOnce()
    {
        var ran = false;

        Deferred.Succeed("x").AddCallback(_ => ran = true);

        ran.Should().BeTrue();
    }

    [Fact]
    public void AddCallback_FromInsideACallback_RunsAfterTheCurrentCallbacks()
    {
        var order = new List<int>();
        var deferred = new Deferred<object?>();
        deferred.AddCallback(_ =>
        {
            order.Add(1);
            deferred.AddCallback(_ => { order.Add(3); return null; });
            order.Should().Equal(1);
            return null;
        });
        deferred.AddCallback(_ => { order.Add(2); return null; });

        deferred.Callback(null);

        order.Should().Equal(1, 2, 3);
    }

    [Fact]
    public void AddCallback_FromInsideACallback_ThatThrows_FailsTheChain()
    {
        var deferred = new Deferred<object?>();
        deferred.AddCallback(_ =>
        {
            deferred.AddCallback(_ => throw new TestException("added later"));
            return null;
        });

        deferred.Callback(null);

        deferred.FailureResultOf(typeof(TestException)).Message.Should().Be("added later");
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void Firing_Twice_ThrowsAlreadyCalledWithBothResults(bool firstSucceeds, bool secondSucceeds)
    {
        var deferred = new Deferred<int>();
        Fire(deferred, firstSucceeds, 1);

        var act = () => Fire(deferred, secondSucceeds, 2);

        var message = act.Should().Throw<AlreadyCalledException>().Which.Message;
        message.Should().Contain(secondSucceeds ? "2" : "second");
        deferred.AddErrback(_ => null);
    }

    [Fact]
    public void Firing_Twice_DescribesAResultWhoseToStringThrowsByItsType()
    {
        var deferred = new Deferred<object?>();
        deferred.Callback(new UnprintableResult());

        var act = () => deferred.Callback(null);

        act.Should().Throw<AlreadyCalledException>().WithMessage("*fired with UnprintableResult; it cannot be fired again with null.");
    }

    [Fact]
    public void Callback_WithADeferred_IsRejected()
    {
        var deferred = new Deferred<object?>();

        var act = () => deferred.Callback(new Deferred<int>());

        act.Should().Throw<ArgumentException>().WithParameterName("result");
        deferred.Called.Should().BeFalse();
    }

    [Fact]
    public void Pause_HoldsCallbacksUntilUnpause()
    {
        Failure? caught = null;
        var deferred = Deferred.Fail<int>(new TestException("fail"));
        deferred.Pause();
        deferred.AddErrback(f => { caught = f; return null; });

        caught.Should().BeNull();
        deferred.Paused.Should().BeTrue();
        deferred.Unpause();

        caught!.Message.Should().Be("fail");
    }

    [Fact]
    public void Pause_Twice_NeedsTwoUnpauses()
    {
        var ran = false;
        var deferred = Deferred.Succeed(1);
        deferred.Pause();
        deferred.Pause();
        deferred.AddCallback(_ => ran = true);

        deferred.Unpause();
        ran.Should().BeFalse();
        deferred.Unpause();

        ran.Should().BeTrue();
    }

    [Fact]
    public void Unpause_BeforeCallback_LetsTheLaterCallbackRun()
    {
        var deferred = new Deferred<int>();
        deferred.Pause();
        deferred.Unpause();

        deferred.Callback(3);

        deferred.SuccessResultOf().Should().Be(3);
    }

    [Fact]
    public void Unpause_WhenNotPaused_Throws()
    {
        var act = () => new Deferred<int>().Unpause();

        act.Should().Throw<InvalidOperationException>().WithMessage("*not paused*");
    }

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

    private sealed class UnprintableResult
    {
        public override string ToString() => throw new InvalidOperationException();
    }

    private static void Fire(Deferred<int> deferred, bool succeed, int value)
    {
        if (succeed)
        {
            deferred.Callback(value);
        }
        else
        {
            deferred.Errback(new TestException(value == 1 ? "first" : "second"));
        }
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
