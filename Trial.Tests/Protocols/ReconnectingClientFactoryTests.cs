using Trial.Errors;
using Trial.Fakes.Time;
using Trial.Protocols;
using Trial.Randomness;
using Trial.Tests.Support;

namespace Trial.Tests.Protocols;

/// <summary>Twisted's ReconnectingFactoryTests and the back-off arithmetic, on a virtual clock.</summary>
public sealed class ReconnectingClientFactoryTests
{
    // The first delay for seed 42 with Twisted's defaults, pinned so a change to the draw or the rounding shows.
    private const long FirstJitteredTicksForSeed42 = 23444719;

    private static readonly double E = Math.E;

    [Fact]
    public void ClientConnectionFailed_SchedulesTheFirstRetryAtInitialDelayTimesFactor()
    {
        var (clock, factory, connector) = Setup(jitter: 0);

        connector.Fail();

        clock.GetDelayedCalls().Should().ContainSingle().Which.Time.Should().Be(Seconds(E));
        clock.Advance(Seconds(E) - TimeSpan.FromTicks(1));
        connector.ConnectCalls.Should().Be(0);
        clock.Advance(TimeSpan.FromTicks(1));
        connector.ConnectCalls.Should().Be(1);
        factory.Retries.Should().Be(1);
    }

    [Fact]
    public void Retries_GrowByTheFactorUntilTheMaximumDelay()
    {
        var (clock, factory, connector) = Setup(jitter: 0);
        factory.MaxDelay = TimeSpan.FromSeconds(60);

        var waits = FailRepeatedly(clock, connector, times: 7);

        waits.Should().Equal(
            Seconds(E), Seconds(E * E), Seconds(E * E * E), Seconds(E * E * E * E),
            TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60));
        factory.Delay.Should().Be(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void Retries_WithJitterWaitExactlyTheSeededNormalDraws()
    {
        var (clock, _, connector) = Setup(seed: 42);
        var reference = new SeededRandom(42);
        double delay = 1.0;
        var expected = new List<TimeSpan>();
        for (int i = 0; i < 12; i++)
        {
            delay = Math.Min(delay * E, 3600);
            delay = ReferenceNormal(reference, delay, delay * 0.119626565582);
            expected.Add(Seconds(delay));
        }

        var waits = FailRepeatedly(clock, connector, times: 12);

        waits.Should().Equal(expected);
        waits[0].Should().Be(TimeSpan.FromTicks(FirstJitteredTicksForSeed42));
    }

    [Fact]
    public void Retries_WithJitterStayNearTheMaximumDelayOnceCapped()
    {
        var (clock, _, connector) = Setup(seed: 3);

        var waits = FailRepeatedly(clock, connector, times: 40);

        waits.Skip(12).Should().OnlyContain(w => w > TimeSpan.FromSeconds(3600 * 0.5) && w < TimeSpan.FromSeconds(3600 * 1.5));
        waits.Max().Should().BeGreaterThan(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void SameSeed_GivesTheSameRetryTimes_AndAnotherSeedDoesNot()
    {
        var first = FailRepeatedly(Setup(seed: 7), times: 10);
        var again = FailRepeatedly(Setup(seed: 7), times: 10);
        var other = FailRepeatedly(Setup(seed: 8), times: 10);

        again.Should().Equal(first);
        other.Should().NotEqual(first);
    }

    [Fact]
    public void Retry_GivesUpAfterMaxRetries()
    {
        var (clock, factory, connector) = Setup(jitter: 0);
        factory.MaxRetries = 3;

        FailRepeatedly(clock, connector, times: 3);
        connector.Fail();

        clock.GetDelayedCalls().Should().BeEmpty();
        connector.ConnectCalls.Should().Be(3);
        factory.Retries.Should().Be(4);
    }

    [Fact]
    public void StopTrying_CancelsAPendingRetry()
    {
        var (clock, factory, connector) = Setup();
        connector.Fail();

        factory.StopTrying();
        clock.Advance(TimeSpan.FromHours(2));
        connector.Lose();

        clock.GetDelayedCalls().Should().BeEmpty();
        connector.ConnectCalls.Should().Be(0);
        factory.ContinueTrying.Should().BeFalse();
    }

    [Fact]
    public void StopTrying_StopsAnAttemptInProgressWithoutRetrying()
    {
        // Twisted's test_stopTryingDoesNotReconnect: stopping the attempt reports a failure, which must not retry.
        var (clock, factory, connector) = Setup(jitter: 0);
        FailRepeatedly(clock, connector, times: 1);

        factory.StopTrying();

        connector.StopConnectingCalls.Should().Be(1);
        clock.GetDelayedCalls().Should().BeEmpty();
        connector.ConnectCalls.Should().Be(1);
    }

    [Fact]
    public void StopTrying_WhileConnected_DoesNotReconnectAfterTheLoss()
    {
        // Twisted's test_stopTryingWhenConnected.
        var (clock, factory, connector) = Setup();
        connector.Succeed();

        factory.StopTrying();
        connector.Lose();

        connector.StopConnectingCalls.Should().Be(0);
        clock.GetDelayedCalls().Should().BeEmpty();
        factory.ContinueTrying.Should().BeFalse();
    }

    [Fact]
    public void ResetDelay_AfterASuccessfulConnection_StartsTheBackOffOver()
    {
        var (clock, factory, connector) = Setup(jitter: 0);
        FailRepeatedly(clock, connector, times: 3);
        connector.Succeed();

        factory.ResetDelay();
        connector.Lose();

        factory.Retries.Should().Be(1);
        clock.GetDelayedCalls().Should().ContainSingle().Which.Time.Should().Be(clock.Now + Seconds(E));
    }

    [Fact]
    public void ResetDelay_ResumesTryingAfterStopTrying()
    {
        var (clock, factory, connector) = Setup();
        factory.StopTrying();

        factory.ResetDelay();
        connector.Fail();

        factory.ContinueTrying.Should().BeTrue();
        clock.GetDelayedCalls().Should().ContainSingle();
    }

    [Fact]
    public void ClientConnectionLost_SchedulesTheRetryOnTheInjectedClock()
    {
        // Twisted's test_parametrizedClock.
        var (clock, factory, connector) = Setup();
        connector.Succeed();

        connector.Lose();

        clock.GetDelayedCalls().Should().ContainSingle();
        factory.Connector.Should().BeSameAs(connector);
    }

    [Fact]
    public void Retry_WithNoConnectorKnown_Throws()
    {
        var (_, factory, _) = Setup();

        factory.Invoking(f => f.Retry()).Should().Throw<InvalidOperationException>().WithMessage("*no connector*");
    }

    [Fact]
    public void Options_HaveTwistedsDefaultsAndRefuseOutOfRangeValues()
    {
        var (_, factory, _) = Setup();

        (factory.InitialDelay, factory.MaxDelay, factory.Factor, factory.Jitter, factory.MaxRetries, factory.Delay)
            .Should().Be((TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3600), 2.7182818284590451, 0.119626565582, (int?)null, TimeSpan.FromSeconds(1)));
        factory.Invoking(f => f.InitialDelay = TimeSpan.FromSeconds(-1)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*-00:00:01*");
        factory.Invoking(f => f.MaxDelay = TimeSpan.FromSeconds(-2)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*-00:00:02*");
        factory.Invoking(f => f.Factor = 0.5).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*0.5*");
        factory.Invoking(f => f.Factor = double.NaN).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*NaN*");
        factory.Invoking(f => f.Jitter = -0.1).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*-0.1*");
        factory.Invoking(f => f.MaxRetries = -1).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*-1*");
    }

    [Fact]
    public void BuildProtocol_UsesTheDelegateAndSetsTheFactory()
    {
        var factory = new ReconnectingClientFactory(new Clock(), new SeededRandom(1), _ => new Protocol());

        var protocol = factory.BuildProtocol(new Trial.Addresses.TcpAddress("server.example", 80));

        protocol.Should().BeOfType<Protocol>().Which.Factory.Should().BeSameAs(factory);
    }

    [Fact]
    public void Clock_IsTheInjectedClock_ForSubclasses()
    {
        var clock = new Clock();

        var factory = new ClockReadingFactory(clock);

        factory.ScheduleOnFactoryClock(TimeSpan.FromSeconds(5));
        clock.GetDelayedCalls().Should().ContainSingle().Which.Time.Should().Be(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void WithAnOperatingSystemSeed_RetriesWithJitter()
    {
        var clock = new Clock();
        var factory = new ReconnectingClientFactory(clock, SeededRandom.FromOperatingSystemSeed(), _ => new Protocol());
        var connector = new FakeConnector(factory);

        var waits = FailRepeatedly(clock, connector, 3);

        // Each wait is a normal draw around the grown delay; 12 standard deviations out is as good as never.
        waits[0].TotalSeconds.Should().BeInRange(E * (1 - (12 * factory.Jitter)), E * (1 + (12 * factory.Jitter)));
        waits.Should().OnlyContain(w => w > TimeSpan.Zero);
    }

    private static TimeSpan Seconds(double seconds) => TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));

    // Python's random.normalvariate (Kinderman–Monahan), written out independently of the library.
    private static double ReferenceNormal(SeededRandom random, double mean, double sigma)
    {
        while (true)
        {
            double u1 = random.NextDouble();
            double u2 = 1.0 - random.NextDouble();
            double z = 4 * Math.Exp(-0.5) / Math.Sqrt(2.0) * (u1 - 0.5) / u2;
            if (z * z / 4.0 <= -Math.Log(u2))
            {
                return mean + (z * sigma);
            }
        }
    }

    private static (Clock Clock, ReconnectingClientFactory Factory, FakeConnector Connector) Setup(ulong seed = 1, double? jitter = null)
    {
        var clock = new Clock();
        var factory = new ReconnectingClientFactory(clock, new SeededRandom(seed), _ => new Protocol());
        if (jitter is double j)
        {
            factory.Jitter = j;
        }

        return (clock, factory, new FakeConnector(factory));
    }

    private static List<TimeSpan> FailRepeatedly((Clock Clock, ReconnectingClientFactory Factory, FakeConnector Connector) setup, int times) =>
        FailRepeatedly(setup.Clock, setup.Connector, times);

    // Fails the attempt in progress `times` times, running each retry, and returns how long each retry waited.
    private static List<TimeSpan> FailRepeatedly(Clock clock, FakeConnector connector, int times)
    {
        var waits = new List<TimeSpan>();
        for (int i = 0; i < times; i++)
        {
            int before = connector.ConnectCalls;
            connector.Fail();
            var start = clock.Now;
            clock.AdvanceToNextEvent().Should().BeTrue();
            connector.ConnectCalls.Should().Be(before + 1);
            waits.Add(clock.Now - start);
        }

        return waits;
    }

    /// <summary>A subclass that schedules its own work on the factory's clock instead of keeping a copy.</summary>
    private sealed class ClockReadingFactory(Clock clock) : ReconnectingClientFactory(clock, new SeededRandom(1))
    {
        public void ScheduleOnFactoryClock(TimeSpan delay) => Clock.CallLater(delay, () => { });

        protected override IProtocol? CreateProtocol(Trial.Addresses.IAddress address) => new Protocol();
    }
}
