using Trial.Addresses;
using Trial.Protocols;

namespace Trial.Tests.Protocols;

public sealed class FactoryTests
{
    private static readonly TcpAddress Peer = new("10.0.0.2", 4321);

    [Fact]
    public void ASubclassThatBuildsItsOwnProtocols_StillLinksThemToTheFactory()
    {
        var factory = new OwnBuilder();

        var protocol = (Protocol)factory.BuildProtocol(Peer)!;

        protocol.Factory.Should().BeSameAs(factory);
    }

    [Fact]
    public void ForProtocol_BuildsANewProtocolForEachConnectionAndSetsItsFactory()
    {
        var factory = Factory.ForProtocol<Protocol>();

        var first = factory.BuildProtocol(Peer);
        var second = factory.BuildProtocol(Peer);

        first.Should().BeOfType<Protocol>().Which.Factory.Should().BeSameAs(factory);
        second.Should().NotBeSameAs(first);
    }

    [Fact]
    public void ForProtocol_WithADelegate_CallsItForEachConnection()
    {
        int built = 0;
        var factory = Factory.ForProtocol(() =>
        {
            built++;
            return new Protocol();
        });

        factory.BuildProtocol(Peer);
        factory.BuildProtocol(Peer);

        built.Should().Be(2);
    }

    [Fact]
    public void BuildProtocol_PassesThePeerAddressAndMayRefuse()
    {
        IAddress? seen = null;
        var factory = new Factory(address =>
        {
            seen = address;
            return null;
        });

        factory.BuildProtocol(Peer).Should().BeNull();
        seen.Should().Be(Peer);
    }

    [Fact]
    public void BuildProtocol_WithoutADelegateOrOverride_ThrowsNamingTheType()
    {
        var act = () => new Bare().BuildProtocol(Peer);

        act.Should().Throw<InvalidOperationException>().WithMessage("*Bare*CreateProtocol*");
    }

    [Fact]
    public void DoStart_RunsStartFactoryOnlyForTheFirstPort_AndDoStopRunsStopFactoryOnlyForTheLast()
    {
        var factory = new Counting();

        factory.DoStart();
        factory.DoStart();
        factory.DoStop();
        (factory.Starts, factory.Stops, factory.NumberOfPorts).Should().Be((1, 0, 1));
        factory.DoStop();

        (factory.Starts, factory.Stops, factory.NumberOfPorts).Should().Be((1, 1, 0));
    }

    [Fact]
    public void DoStart_AfterTheLastStop_StartsTheFactoryAgain()
    {
        var factory = new Counting();
        factory.DoStart();
        factory.DoStop();

        factory.DoStart();

        (factory.Starts, factory.Stops).Should().Be((2, 1));
    }

    [Fact]
    public void DoStop_MoreTimesThanDoStart_Throws()
    {
        var factory = new Counting();

        var act = factory.DoStop;

        act.Should().Throw<InvalidOperationException>().WithMessage("*Counting*more times*");
        factory.Stops.Should().Be(0);
    }

    private sealed class Bare : Factory
    {
    }

    private sealed class Counting() : Factory(_ => new Protocol())
    {
        public int Starts { get; private set; }

        public int Stops { get; private set; }

        protected override void StartFactory() => Starts++;

        protected override void StopFactory() => Stops++;
    }

    private sealed class OwnBuilder : Factory
    {
        protected override IProtocol? CreateProtocol(IAddress address) => new Protocol();
    }
}
