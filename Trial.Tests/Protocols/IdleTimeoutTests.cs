using Trial.Fakes.Time;
using Trial.Protocols;
using Trial.Tests.Support;

namespace Trial.Tests.Protocols;

/// <summary>Twisted's TimeoutMixinTests, for <see cref="IdleTimeout"/>, on a virtual clock.</summary>
public sealed class IdleTimeoutTests
{
    private readonly Clock _clock = new();
    private readonly TimeoutProtocol _protocol;
    private readonly RecordingTransport _transport = new();

    public IdleTimeoutTests() => _protocol = new TimeoutProtocol(_clock);

    [Fact]
    public void SetTimeout_SchedulesOneCallOnTheGivenClock()
    {
        _protocol.Idle.SetTimeout(TimeSpan.FromSeconds(10));

        _clock.GetDelayedCalls().Should().ContainSingle().Which.Time.Should().Be(TimeSpan.FromSeconds(10));
        _protocol.Idle.Pending.Should().BeTrue();
    }

    [Fact]
    public void IdleTimeout_FiresAtThePeriodAfterTheConnectionIsMade()
    {
        _protocol.MakeConnection(_transport);

        _clock.Pump([TimeSpan.Zero, Ms(500), Ms(1000), Ms(1000)]);
        _protocol.TimedOut.Should().BeFalse();
        _clock.Pump([TimeSpan.Zero, Ms(1000)]);

        _protocol.TimedOut.Should().BeTrue();
        _clock.Now.Should().Be(TimeSpan.FromSeconds(3.5));
    }

    [Fact]
    public void ResetTimeout_OnTrafficPostponesTheTimeout()
    {
        _protocol.MakeConnection(_transport);

        _clock.Pump([TimeSpan.Zero, Ms(500), Ms(1000), Ms(1000)]);
        _protocol.DataReceived("hello there"u8);
        _clock.Pump([TimeSpan.Zero, Ms(1000), Ms(1000), Ms(500)]);
        _protocol.TimedOut.Should().BeFalse();
        _clock.Pump([TimeSpan.Zero, Ms(1000)]);

        _protocol.TimedOut.Should().BeTrue();
    }

    [Fact]
    public void SetTimeout_WithANewPeriodReplacesTheRunningCountdown()
    {
        _protocol.MakeConnection(_transport);

        _protocol.Idle.SetTimeout(TimeSpan.FromSeconds(1)).Should().Be(TimeSpan.FromSeconds(3));
        _clock.Advance(Ms(900));
        _protocol.TimedOut.Should().BeFalse();
        _clock.Advance(Ms(200));

        _protocol.TimedOut.Should().BeTrue();
        _clock.GetDelayedCalls().Should().BeEmpty();
    }

    [Fact]
    public void SetTimeout_WithNullCancelsTheCountdown()
    {
        _protocol.MakeConnection(_transport);

        _protocol.Idle.SetTimeout(null);
        _clock.Pump([TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)]);

        _protocol.TimedOut.Should().BeFalse();
        _protocol.Idle.Timeout.Should().BeNull();
        _clock.GetDelayedCalls().Should().BeEmpty();
    }

    [Fact]
    public void SetTimeout_ReturnsThePreviousPeriod()
    {
        var idle = new IdleTimeout(_clock, () => { });

        idle.SetTimeout(TimeSpan.FromSeconds(5)).Should().BeNull();
        idle.SetTimeout(TimeSpan.FromSeconds(10)).Should().Be(TimeSpan.FromSeconds(5));
        idle.SetTimeout(null).Should().Be(TimeSpan.FromSeconds(10));
        idle.SetTimeout(TimeSpan.FromSeconds(1)).Should().BeNull();
        idle.Timeout.Should().Be(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void SetTimeout_WithNull_ToleratesACountdownCancelledElsewhere()
    {
        var idle = new IdleTimeout(_clock, () => { });
        idle.SetTimeout(TimeSpan.FromSeconds(3));
        _clock.GetDelayedCalls()[0].Cancel();

        idle.SetTimeout(null);

        idle.Timeout.Should().BeNull();
        idle.Pending.Should().BeFalse();
    }

    [Fact]
    public void ResetTimeout_AfterTheTimeoutFired_DoesNotStartItAgain()
    {
        int fired = 0;
        var idle = new IdleTimeout(_clock, () => fired++);
        idle.SetTimeout(TimeSpan.FromSeconds(1));
        _clock.Advance(TimeSpan.FromSeconds(1));

        idle.ResetTimeout();
        _clock.Advance(TimeSpan.FromSeconds(10));

        fired.Should().Be(1);
        _clock.GetDelayedCalls().Should().BeEmpty();
    }

    [Fact]
    public void Cancel_StopsTheCountdownAndForgetsThePeriod()
    {
        _protocol.MakeConnection(_transport);

        _protocol.ConnectionLost(new Trial.Errors.ConnectionDoneException());
        _clock.Advance(TimeSpan.FromHours(1));

        _protocol.TimedOut.Should().BeFalse();
        _protocol.Idle.Timeout.Should().BeNull();
        _clock.GetDelayedCalls().Should().BeEmpty();
    }

    [Fact]
    public void DefaultHook_ClosesTheProtocolsConnectionGracefully()
    {
        var protocol = new Protocol();
        var idle = new IdleTimeout(_clock, protocol);
        protocol.MakeConnection(_transport);
        idle.SetTimeout(TimeSpan.FromSeconds(30));

        _clock.Advance(TimeSpan.FromSeconds(30));

        _transport.LoseConnectionCalls.Should().Be(1);
        _transport.Aborted.Should().BeFalse();
    }

    [Fact]
    public void SetTimeout_RefusesANegativePeriod()
    {
        var idle = new IdleTimeout(_clock, () => { });

        idle.Invoking(i => i.SetTimeout(TimeSpan.FromSeconds(-1))).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*-00:00:01*");
    }

    private static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    // Twisted's TimeoutTester: a 3-second timeout started on connection and reset on data.
    private sealed class TimeoutProtocol : Protocol
    {
        public TimeoutProtocol(Clock clock) => Idle = new IdleTimeout(clock, () => TimedOut = true);

        public IdleTimeout Idle { get; }

        public bool TimedOut { get; private set; }

        public override void ConnectionMade() => Idle.SetTimeout(TimeSpan.FromSeconds(3));

        public override void DataReceived(ReadOnlySpan<byte> data) => Idle.ResetTimeout();

        public override void ConnectionLost(Exception reason)
        {
            Idle.Cancel();
            base.ConnectionLost(reason);
        }
    }
}
