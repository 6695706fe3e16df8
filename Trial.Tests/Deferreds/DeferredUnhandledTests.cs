using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Trial.Deferreds;

namespace Trial.Tests.Deferreds;

public sealed class DeferredUnhandledTests
{
    private readonly RecordingObserver _observer = new();

    [Fact]
    public void UnhandledFailure_IsReportedWhenTheDeferredIsCollected()
    {
        using (Deferred.ReportUnhandledFailuresTo(_observer))
        {
            LeakFailure();
        }

        CollectGarbage();

        var report = _observer.Events.Should().ContainSingle().Which;
        report.Level.Should().Be(LogLevel.Critical);
        report.Source.Should().Be(Deferred.UnhandledFailureSource);
        report.Exception.Should().BeOfType<DivideByZeroException>();
        report.FormatMessage().Should().Be("Unhandled error in Deferred<Int32>");
    }

    [Fact]
    public void HandledFailure_IsNotReported()
    {
        using (Deferred.ReportUnhandledFailuresTo(_observer))
        {
            LeakHandledFailure();
        }

        CollectGarbage();

        _observer.Events.Should().BeEmpty();
    }

    [Fact]
    public void FailureMovedIntoAnOuterDeferred_IsNotReportedByTheInnerOne()
    {
        using (Deferred.ReportUnhandledFailuresTo(_observer))
        {
            LeakChainedFailureHandledOutside();
        }

        CollectGarbage();

        _observer.Events.Should().BeEmpty();
    }

    [Fact]
    public void FailureClearedByAnErrbackThatChains_IsNotReported()
    {
        using (Deferred.ReportUnhandledFailuresTo(_observer))
        {
            LeakFailureRecoveredByChaining();
        }

        CollectGarbage();

        _observer.Events.Should().BeEmpty();
    }

    [Fact]
    public void AwaitedFailure_IsNotReported()
    {
        using (Deferred.ReportUnhandledFailuresTo(_observer))
        {
            LeakAwaitedFailure();
        }

        CollectGarbage();

        _observer.Events.Should().BeEmpty();
    }

    [Fact]
    public void FailureHandedToATask_IsNotReported()
    {
        using (Deferred.ReportUnhandledFailuresTo(_observer))
        {
            LeakFailureToTask();
        }

        CollectGarbage();

        _observer.Events.Should().BeEmpty();
    }

    [Fact]
    public void ReportUnhandledFailuresTo_IsScoped()
    {
        var inner = new RecordingObserver();
        Deferred.UnhandledFailureObserver.Should().BeNull();

        using (Deferred.ReportUnhandledFailuresTo(_observer))
        {
            using (var scope = Deferred.ReportUnhandledFailuresTo(inner))
            {
                Deferred.UnhandledFailureObserver.Should().BeSameAs(inner);
                scope.Dispose();
                scope.Dispose();
                Deferred.UnhandledFailureObserver.Should().BeSameAs(_observer);
            }
        }

        Deferred.UnhandledFailureObserver.Should().BeNull();
    }

    [Fact]
    public void Report_GoesToTheObserverCurrentWhereTheChainFailed()
    {
        var other = new RecordingObserver();
        using (Deferred.ReportUnhandledFailuresTo(_observer))
        {
            LeakFailure();
        }

        using (Deferred.ReportUnhandledFailuresTo(other))
        {
            CollectGarbage();
        }

        _observer.Events.Should().ContainSingle();
        other.Events.Should().BeEmpty();
    }

    [Fact]
    public void ReportUnhandledFailuresTo_RejectsNull()
    {
        var act = () => Deferred.ReportUnhandledFailuresTo(null!);

        act.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void ReportUnhandled_WithoutAnObserver_WritesToTrace_AndABrokenObserverIsIgnored()
    {
        var report = new Trial.Logging.LogEvent(LogLevel.Error, "test", "report", []);

        var withoutObserver = () => Deferred.ReportUnhandled(null, report);
        var brokenObserver = () => Deferred.ReportUnhandled(new ThrowingObserver(), report);

        withoutObserver.Should().NotThrow();
        brokenObserver.Should().NotThrow();
    }

    internal static void CollectGarbage()
    {
        for (int i = 0; i < 2; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void LeakFailure()
    {
        var deferred = new Deferred<int>();
        deferred.AddCallback(x => 1 / (int)x!);
        deferred.Callback(0);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void LeakHandledFailure()
    {
        var deferred = new Deferred<int>();
        deferred.AddCallback(x => 1 / (int)x!).AddErrback(_ => null);
        deferred.Callback(0);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void LeakChainedFailureHandledOutside()
    {
        var deferred = new Deferred<object?>();
        deferred.AddCallback(_ => Deferred.Fail<int>(new TestException("zoop")));
        deferred.Callback(null);
        deferred.AddErrback(_ => null);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void LeakFailureRecoveredByChaining()
    {
        var bad = Deferred.Fail<int>(new TestException("oh no"));
        var good = new Deferred<int>();
        bad.AddErrback(_ => good);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void LeakAwaitedFailure()
    {
        var deferred = Deferred.Fail<int>(new TestException());
        var awaiter = deferred.GetAwaiter();
        try
        {
#pragma warning disable xUnit1031 // A deferred's awaiter, not a task's: it never blocks.
            awaiter.GetResult();
#pragma warning restore xUnit1031
        }
        catch (TestException)
        {
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void LeakFailureToTask()
    {
        var task = Deferred.Fail<int>(new TestException()).AsTask();
        _ = task.Exception;
    }

    private sealed class ThrowingObserver : Trial.Logging.ILogObserver
    {
        public void Observe(Trial.Logging.LogEvent logEvent) => throw new TestException();
    }
}
