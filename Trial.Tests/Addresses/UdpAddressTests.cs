using Trial.Addresses;

namespace Trial.Tests.Addresses;

public sealed class UdpAddressTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(65535)]
    public void UdpAddress_AcceptsEveryPortFrom0To65535(int port)
    {
        new UdpAddress("host", port).Port.Should().Be(port);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(70000)]
    public void UdpAddress_RefusesAPortOutOfRangeAndNamesIt(int port)
    {
        var act = () => new UdpAddress("host", port);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Port").WithMessage($"*{port}*");
    }

    [Fact]
    public void UdpAddress_RefusesANullHost()
    {
        var act = () => new UdpAddress(null!, 53);

        act.Should().Throw<ArgumentNullException>().WithParameterName("Host");
    }

    [Theory]
    [InlineData("dns.example", 53, "UDP:dns.example:53")]
    [InlineData("fe80::1", 5353, "UDP:[fe80::1]:5353")]
    public void ToString_ShowsKindHostAndPort_BracketingIPv6(string host, int port, string expected)
    {
        new UdpAddress(host, port).ToString().Should().Be(expected);
    }

    [Fact]
    public void UdpAddresses_AreEqualByValue()
    {
        var a = new UdpAddress("h", 1);

        a.Should().Be(new UdpAddress("h", 1));
        a.GetHashCode().Should().Be(new UdpAddress("h", 1).GetHashCode());
        a.Should().NotBe(new UdpAddress("h", 2));
        a.Equals(new TcpAddress("h", 1)).Should().BeFalse();
    }
}
