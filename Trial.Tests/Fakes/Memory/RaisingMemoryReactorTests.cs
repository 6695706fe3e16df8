using System.Net.Security;
using System.Net.Sockets;
using Trial.Errors;
using Trial.Fakes.Memory;
using Trial.Tests.Support;

namespace Trial.Tests.Fakes.Memory;

public sealed class RaisingMemoryReactorTests
{
    [Fact]
    public void EveryListenCall_ThrowsTheListenException_AndRecordsNothing()
    {
        var error = new InvalidOperationException("no listening here");
        var reactor = new RaisingMemoryReactor(listenException: error);
        var factory = new CountingFactory();

        reactor.Invoking(r => r.ListenTcp(80, factory)).Should().Throw<InvalidOperationException>().Which.Should().BeSameAs(error);
        reactor.Invoking(r => r.ListenTls(443, factory, new SslServerAuthenticationOptions())).Should().Throw<InvalidOperationException>();
        reactor.Invoking(r => r.ListenUdp(53, null!)).Should().Throw<ArgumentNullException>("arguments are still checked first");
        reactor.TcpServers.Should().BeEmpty();
        reactor.TlsServers.Should().BeEmpty();
        factory.Starts.Should().Be(0);
    }

    [Fact]
    public void EveryConnectCall_ThrowsTheConnectException_AndRecordsNothing()
    {
        var error = new ConnectionRefusedException("no");
        var reactor = new RaisingMemoryReactor(connectException: error);
        var factory = new RecordingClientFactory();

        reactor.Invoking(r => r.ConnectTcp("h", 80, factory)).Should().Throw<ConnectionRefusedException>().Which.Should().BeSameAs(error);
        reactor.Invoking(r => r.ConnectTls("h", 443, factory, new SslClientAuthenticationOptions())).Should().Throw<ConnectionRefusedException>();
        reactor.TcpClients.Should().BeEmpty();
        reactor.Connectors.Should().BeEmpty();
        factory.Started.Should().BeEmpty();
    }

    [Fact]
    public void WithoutGivenExceptions_ListenThrowsAddressInUse_AndConnectThrowsRefused()
    {
        var reactor = new RaisingMemoryReactor();

        reactor.Invoking(r => r.ListenTcp(80, new CountingFactory())).Should().Throw<SocketException>()
            .Which.SocketErrorCode.Should().Be(SocketError.AddressAlreadyInUse);
        reactor.Invoking(r => r.ConnectTcp("h", 80, new RecordingClientFactory())).Should().Throw<ConnectionRefusedException>();
    }
}
