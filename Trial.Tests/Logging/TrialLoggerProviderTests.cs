using Microsoft.Extensions.Logging;
using Trial.Fakes.Time;
using Trial.Logging;
using Trial.Tests.Deferreds;

namespace Trial.Tests.Logging;

public sealed class TrialLoggerProviderTests
{
    private readonly RecordingObserver _observer = new();

    [Fact]
    public void StructuredLog_KeepsItsTemplateAndValues()
    {
        using var provider = new TrialLoggerProvider(_observer);
        var logger = provider.CreateLogger("Echo.Server");

        logger.LogInformation("Accepted {Peer} on {Port}", "10.0.0.1", 8080);

        var logEvent = _observer.Events.Should().ContainSingle().Which;
        logEvent.Source.Should().Be("Echo.Server");
        logEvent.Level.Should().Be(LogLevel.Information);
        logEvent.MessageTemplate.Should().Be("Accepted {Peer} on {Port}");
        logEvent.Properties.Select(p => p.Key).Should().Equal("Peer", "Port");
        logEvent.FormatMessage().Should().Be("Accepted 10.0.0.1 on 8080");
    }

    [Fact]
    public void Exception_BecomesTheEventsFailure()
    {
        using var provider = new TrialLoggerProvider(_observer);
        var exception = new TestException();

        provider.CreateLogger("c").LogError(exception, "failed");

        _observer.Events.Single().Failure!.Exception.Should().BeSameAs(exception);
        _observer.Events.Single().IsError.Should().BeTrue();
    }

    [Fact]
    public void EventId_IsKeptAsAProperty()
    {
        using var provider = new TrialLoggerProvider(_observer);

        provider.CreateLogger("c").LogWarning(new EventId(7, "Slow"), "slow");

        _observer.Events.Single().Properties.Should().ContainSingle(p => p.Key == "EventId").Which.Value.Should().Be(new EventId(7, "Slow"));
    }

    [Fact]
    public void UnstructuredState_IsRenderedAndItsBracesKeptLiteral()
    {
        using var provider = new TrialLoggerProvider(_observer);

        provider.CreateLogger("c").Log(LogLevel.Debug, default, new { A = 1 }, null, (state, _) => $"state {{{state.A}}}");

        var logEvent = _observer.Events.Single();
        logEvent.FormatMessage().Should().Be("state {1}");
        logEvent.Properties.Should().BeEmpty();
    }

    [Fact]
    public void MinimumLevel_FiltersLessSevereEvents()
    {
        using var provider = new TrialLoggerProvider(_observer) { MinimumLevel = LogLevel.Warning };
        var logger = provider.CreateLogger("c");

        logger.LogInformation("quiet");
        logger.LogWarning("loud");
        logger.Log(LogLevel.None, "never");

        logger.IsEnabled(LogLevel.Information).Should().BeFalse();
        logger.IsEnabled(LogLevel.Error).Should().BeTrue();
        logger.IsEnabled(LogLevel.None).Should().BeFalse();
        _observer.Events.Should().ContainSingle().Which.MessageTemplate.Should().Be("loud");
    }

    [Fact]
    public void Events_AreStampedFromTheReactorTime_AndScopesAreIgnored()
    {
        var clock = new Clock();
        clock.Advance(TimeSpan.FromMinutes(1));
        using var provider = new TrialLoggerProvider(_observer, clock);
        var logger = provider.CreateLogger("c");

        using (logger.BeginScope("scope"))
        {
            logger.LogInformation("in scope");
        }

        _observer.Events.Single().Timestamp.Should().Be(Clock.DefaultEpoch.AddMinutes(1));
    }

    [Fact]
    public void Provider_RejectsNull()
    {
        FluentActions.Invoking(() => new TrialLoggerProvider(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new TrialLoggerProvider(_observer, (Trial.Time.IReactorTime)null!)).Should().Throw<ArgumentNullException>();
        using var provider = new TrialLoggerProvider(_observer);
        FluentActions.Invoking(() => provider.CreateLogger(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => provider.CreateLogger("c").Log<string>(LogLevel.Information, default, "s", null, null!)).Should().Throw<ArgumentNullException>();
    }
}
