using Microsoft.Extensions.Logging;
using Trial.Logging;
using Trial.Tests.Deferreds;

namespace Trial.Tests.Logging;

public sealed class LogPublisherTests
{
    private static readonly LogEvent Hello = new(LogLevel.Information, "test", "hello", []);

    [Fact]
    public void Observe_DeliversToEveryObserverInOrder()
    {
        var publisher = new LogPublisher();
        var first = new RecordingObserver();
        var second = new RecordingObserver();
        publisher.AddObserver(first);
        publisher.AddObserver(second);

        publisher.Observe(Hello);

        first.Events.Should().Equal(Hello);
        second.Events.Should().Equal(Hello);
        publisher.Observers.Should().Equal(first, second);
    }

    [Fact]
    public void RemoveObserver_StopsDelivery()
    {
        var publisher = new LogPublisher();
        var observer = new RecordingObserver();
        publisher.AddObserver(observer);

        publisher.RemoveObserver(observer).Should().BeTrue();
        publisher.RemoveObserver(observer).Should().BeFalse();
        publisher.Observe(Hello);

        observer.Events.Should().BeEmpty();
    }

    [Fact]
    public void ThrowingObserver_IsIsolated_AndReportedToTheOthers()
    {
        var publisher = new LogPublisher();
        var before = new RecordingObserver();
        var broken = new ThrowingObserver();
        var after = new RecordingObserver();
        publisher.AddObserver(before);
        publisher.AddObserver(broken);
        publisher.AddObserver(after);

        publisher.Observe(Hello);

        after.Events.Should().Contain(Hello);
        var report = before.Events.Should().ContainSingle(e => e.Source == LogPublisher.ObserverErrorSource).Which;
        report.Level.Should().Be(LogLevel.Error);
        report.Exception.Should().BeOfType<TestException>();
        report.Properties.Single().Value.Should().BeSameAs(broken);
        after.Events.Should().Contain(report);
        publisher.Observers.Should().Contain(broken);
    }

    [Fact]
    public void ObserverThatAlsoFailsOnTheReport_DoesNotBreakPublishing()
    {
        var publisher = new LogPublisher();
        publisher.AddObserver(new ThrowingObserver());
        publisher.AddObserver(new ThrowingObserver());
        var survivor = new RecordingObserver();
        publisher.AddObserver(survivor);

        var act = () => publisher.Observe(Hello);

        act.Should().NotThrow();
        survivor.Events.Should().HaveCount(3);
    }

    [Fact]
    public void Publisher_RejectsNull()
    {
        var publisher = new LogPublisher();

        FluentActions.Invoking(() => publisher.AddObserver(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => publisher.Observe(null!)).Should().Throw<ArgumentNullException>();
    }

    private sealed class ThrowingObserver : ILogObserver
    {
        public void Observe(LogEvent logEvent) => throw new TestException();
    }
}
