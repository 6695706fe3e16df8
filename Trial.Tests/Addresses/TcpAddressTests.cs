using Trial.Addresses;

namespace Trial.Tests.Addresses;

public sealed class TcpAddressTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(80)]
    [InlineData(65535)]
    public void TcpAddress_AcceptsEveryPortFrom0To65535(int port)
    {
        new TcpAddress("host", port).Port.Should().Be(port);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(65536)]
    [InlineData(int.MinValue)]
    public void TcpAddress_RefusesAPortOutOfRangeAndNamesIt(int port)
    {
        var act = () => new TcpAddress("host", port);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Port").WithMessage($"*{port}*");
    }

    [Fact]
    public void TcpAddress_RefusesANullHost()
    {
        var act = () => new TcpAddress(null!, 80);

        act.Should().Throw<ArgumentNullException>().WithParameterName("Host");
    }

    [Theory]
    [InlineData("example.com", 80, "TCP:example.com:80")]
    [InlineData("10.0.0.1", 0, "TCP:10.0.0.1:0")]
    [InlineData("::1", 443, "TCP:[::1]:443")]
    public void ToString_ShowsKindHostAndPort_BracketingIPv6(string host, int port, string expected)
    {
        new TcpAddress(host, port).ToString().Should().Be(expected);
    }

    [Fact]
    public void TcpAddresses_AreEqualByValue()
    {
        var a = new TcpAddress("h", 1);

        a.Should().Be(new TcpAddress("h", 1));
        a.GetHashCode().Should().Be(new TcpAddress("h", 1).GetHashCode());
        a.Should().NotBe(new TcpAddress("h", 2));
        a.Should().NotBe(new TcpAddress("H", 1));
        a.Equals(new UdpAddress("h", 1)).Should().BeFalse();
    }
}
