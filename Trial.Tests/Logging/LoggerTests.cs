using Microsoft.Extensions.Logging;
using Trial.Deferreds;
using Trial.Fakes.Time;
using Trial.Logging;
using Trial.Tests.Deferreds;

namespace Trial.Tests.Logging;

public sealed class LoggerTests
{
    private readonly RecordingObserver _observer = new();

    [Fact]
    public void Info_PublishesAnEventWithNamedProperties()
    {
        var log = new Logger("Echo", _observer);

        log.Info("Connected to {Host}:{Port}", "example.org", 443);

        var logEvent = _observer.Events.Should().ContainSingle().Which;
        logEvent.Level.Should().Be(LogLevel.Information);
        logEvent.Source.Should().Be("Echo");
        logEvent.MessageTemplate.Should().Be("Connected to {Host}:{Port}");
        logEvent.Properties.Should().Equal(new KeyValuePair<string, object?>("Host", "example.org"), new KeyValuePair<string, object?>("Port", 443));
        logEvent.FormatMessage().Should().Be("Connected to example.org:443");
        logEvent.Timestamp.Should().BeNull();
    }

    [Fact]
    public void EachLevelMethod_PublishesAtItsLevel()
    {
        var log = new Logger("levels", _observer);

        log.Debug("d");
        log.Info("i");
        log.Warn("w");
        log.Error("e");
        log.Critical("c");
        log.Emit(LogLevel.Trace, "t");
        log.Emit(LogLevel.None, "nothing");

        _observer.Events.Select(e => e.Level).Should().Equal(
            LogLevel.Debug, LogLevel.Information, LogLevel.Warning, LogLevel.Error, LogLevel.Critical, LogLevel.Trace);
    }

    [Fact]
    public void Failure_PublishesACriticalEventCarryingTheFailure()
    {
        var log = new Logger("failing", _observer);
        var failure = new Failure(new TestException());

        log.Failure("Lost {Peer}", failure, "peer-1");
        log.Failure("Lost again", new TestException("again"));

        _observer.Events[0].Level.Should().Be(LogLevel.Critical);
        _observer.Events[0].Failure.Should().BeSameAs(failure);
        _observer.Events[0].FormatMessage().Should().Be("Lost peer-1");
        _observer.Events[1].Exception!.Message.Should().Be("again");
    }

    [Fact]
    public void Events_AreStampedFromTheReactorTime()
    {
        var clock = new Clock();
        var log = new Logger("timed", _observer, clock);
        clock.Advance(TimeSpan.FromSeconds(90));

        log.Info("tick");

        _observer.Events.Single().Timestamp.Should().Be(Clock.DefaultEpoch.AddSeconds(90));
    }

    [Fact]
    public void Values_BeyondTheHoles_AreNamedByPosition()
    {
        var log = new Logger("extra", _observer);

        log.Info("{A}", 1, 2);
        log.Info("no holes", null!);

        _observer.Events[0].Properties.Select(p => p.Key).Should().Equal("A", "1");
        _observer.Events[1].Properties.Should().ContainSingle().Which.Key.Should().Be("0");
    }

    [Fact]
    public void Constructors_RejectNull()
    {
        FluentActions.Invoking(() => new Logger(null!, _observer)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new Logger("x", null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new Logger("x", _observer, (Trial.Time.IReactorTime)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new Logger("x", _observer).Info(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new Logger("x", _observer).Failure("x", (Failure)null!)).Should().Throw<ArgumentNullException>();
    }
}
