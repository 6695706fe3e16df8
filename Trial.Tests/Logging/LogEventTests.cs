using Microsoft.Extensions.Logging;
using Trial.Deferreds;
using Trial.Logging;
using Trial.Tests.Deferreds;

namespace Trial.Tests.Logging;

public sealed class LogEventTests
{
    [Fact]
    public void FormatMessage_FillsTheNamedHoles()
    {
        var logEvent = Event("Connected to {Host}:{Port}", ("Host", "example.org"), ("Port", 443));

        logEvent.FormatMessage().Should().Be("Connected to example.org:443");
    }

    [Fact]
    public void FormatMessage_AppliesFormatsInTheInvariantCulture()
    {
        var logEvent = Event("took {Seconds:F2}s", ("Seconds", 1.5));

        logEvent.FormatMessage().Should().Be("took 1.50s");
    }

    [Fact]
    public void FormatMessage_KeepsEscapedBracesAndUnknownHoles()
    {
        var logEvent = Event("{{literal}} {Missing:x} {Known} {unclosed", ("Known", null));

        logEvent.FormatMessage().Should().Be("{literal} {Missing:x} (null) {unclosed");
    }

    [Fact]
    public void ToString_ShowsLevelSourceMessageAndFailure()
    {
        var logEvent = Event("boom") with { Failure = new Failure(new TestException("bad")) };

        logEvent.ToString().Should().Be($"Error [test] boom{Environment.NewLine}[Failure Trial.Tests.Deferreds.TestException: bad]");
        logEvent.Exception.Should().BeOfType<TestException>();
        logEvent.IsError.Should().BeTrue();
        (logEvent with { Level = LogLevel.Warning }).IsError.Should().BeFalse();
    }

    private static LogEvent Event(string template, params (string Name, object? Value)[] properties) =>
        new(LogLevel.Error, "test", template, properties.Select(p => new KeyValuePair<string, object?>(p.Name, p.Value)).ToList());
}
