using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Trial.Addresses;

namespace Trial.Sockets;

/// <summary>Turns the host strings of the reactor contract into IP addresses and back into Trial addresses.</summary>
internal static class Endpoints
{
    /// <summary>The address to bind for <paramref name="host"/>: empty means every IPv4 interface.</summary>
    internal static IPAddress ForBinding(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (host.Length == 0)
        {
            return IPAddress.Any;
        }

        return TryLiteral(host, out var address)
            ? address
            : throw new ArgumentException($"A listening host must be empty, 'localhost' or an IP address, but was '{host}'.", nameof(host));
    }

    /// <summary>
    /// Parses an IP literal (with or without brackets) or 'localhost' without touching DNS. An IPv4-mapped IPv6
    /// address (::ffff:a.b.c.d) becomes the IPv4 address it names: the reactor's IPv6 sockets are IPv6-only, so
    /// binding or connecting one to a mapped address fails.
    /// </summary>
    internal static bool TryLiteral(string host, out IPAddress address)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;
            return true;
        }

        string bare = host.Length > 2 && host[0] == '[' && host[^1] == ']' ? host[1..^1] : host;
        if (!IPAddress.TryParse(bare, out address!))
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return true;
    }

    internal static TcpAddress Tcp(EndPoint? endPoint) => endPoint is IPEndPoint ip
        ? new TcpAddress(Format(ip.Address), ip.Port)
        : throw new InvalidOperationException($"Expected an IP endpoint, but the socket reported '{endPoint}'.");

    internal static UdpAddress Udp(EndPoint? endPoint) => endPoint is IPEndPoint ip
        ? new UdpAddress(Format(ip.Address), ip.Port)
        : throw new InvalidOperationException($"Expected an IP endpoint, but the socket reported '{endPoint}'.");

    internal static IPEndPoint Resolve(IAddress address) => address switch
    {
        TcpAddress tcp => Literal(tcp.Host, tcp.Port),
        UdpAddress udp => Literal(udp.Host, udp.Port),
        _ => throw new ArgumentException($"The socket reactor takes TCP or UDP addresses, but was given {address}.", nameof(address)),
    };

    internal static Socket NewSocket(AddressFamily family, SocketType type, ProtocolType protocol) =>
        new(family, type, protocol) { Blocking = false };

    private static IPEndPoint Literal(string host, int port) => TryLiteral(host, out var ip)
        ? new IPEndPoint(ip, port)
        : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Expected an IP address or 'localhost', but was '{host}'."), nameof(host));

    private static string Format(IPAddress address) =>
        (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}
