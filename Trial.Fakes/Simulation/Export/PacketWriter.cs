using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Trial.Fakes.Simulation;

/// <summary>
/// Writes a classic pcap file (nanosecond timestamps, Ethernet link type) of synthesized Ethernet, IPv4 or IPv6,
/// TCP and UDP packets, with correct IP, TCP and UDP checksums.
/// </summary>
internal sealed class PacketWriter
{
    /// <summary>The largest payload put in one packet; a longer segment is split, its sequence numbers continuing.</summary>
    internal const int MaxPayload = 65_000;

    private const int EthernetLength = 14;
    private const int Ipv4Length = 20;
    private const int Ipv6Length = 40;
    private const int TcpLength = 20;
    private const int UdpLength = 8;
    private const int SnapLength = 262_144;

    private readonly Stream _destination;
    private readonly long _epochTicks;
    private readonly byte[] _buffer = new byte[EthernetLength + Ipv6Length + TcpLength + MaxPayload + 16];
    private ushort _identification;

    internal PacketWriter(Stream destination, DateTimeOffset epoch)
    {
        _destination = destination;
        _epochTicks = (epoch - DateTimeOffset.UnixEpoch).Ticks;
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xA1B23C4D);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], SnapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], 1);
        destination.Write(header);
    }

    /// <summary>Gets the number of packets written.</summary>
    internal int Count { get; private set; }

    /// <summary>
    /// Writes one TCP packet. When <paramref name="payload"/> is shorter than <paramref name="length"/> (the bytes were
    /// not captured), the record holds the headers only, with the packet's true length, as a capture with a short
    /// snap length would, and the TCP checksum is left zero.
    /// </summary>
    internal void Tcp(TimeSpan time, IPEndPoint source, IPEndPoint destination, uint sequence, uint acknowledgment, TcpFlags flags, ReadOnlySpan<byte> payload, int length)
    {
        int ip = IpHeaderLength(source);
        int transport = EthernetLength + ip;
        var packet = _buffer.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(packet[(transport + 0)..], (ushort)source.Port);
        BinaryPrimitives.WriteUInt16BigEndian(packet[(transport + 2)..], (ushort)destination.Port);
        BinaryPrimitives.WriteUInt32BigEndian(packet[(transport + 4)..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet[(transport + 8)..], acknowledgment);
        packet[transport + 12] = TcpLength / 4 << 4;
        packet[transport + 13] = (byte)flags;
        BinaryPrimitives.WriteUInt16BigEndian(packet[(transport + 14)..], 65_535);
        BinaryPrimitives.WriteUInt32BigEndian(packet[(transport + 16)..], 0);
        Finish(time, source, destination, ProtocolType.Tcp, TcpLength, 16, payload, length);
    }

    /// <summary>Writes one UDP datagram; as with TCP, an uncaptured payload leaves a headers-only record.</summary>
    internal void Udp(TimeSpan time, IPEndPoint source, IPEndPoint destination, ReadOnlySpan<byte> payload, int length)
    {
        int transport = EthernetLength + IpHeaderLength(source);
        var packet = _buffer.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(packet[(transport + 0)..], (ushort)source.Port);
        BinaryPrimitives.WriteUInt16BigEndian(packet[(transport + 2)..], (ushort)destination.Port);
        BinaryPrimitives.WriteUInt16BigEndian(packet[(transport + 4)..], (ushort)(UdpLength + length));
        BinaryPrimitives.WriteUInt16BigEndian(packet[(transport + 6)..], 0);
        Finish(time, source, destination, ProtocolType.Udp, UdpLength, 6, payload, length);
    }

    /// <summary>A link-layer address made from the host's IP address, locally administered (02:...), so each host keeps one.</summary>
    private static void Mac(IPAddress address, Span<byte> mac)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out int written);
        mac[0] = 0x02;
        mac[1] = 0x00;
        bytes.Slice(written - 4, 4).CopyTo(mac[2..]);
    }

    private static int IpHeaderLength(IPEndPoint endPoint) => endPoint.AddressFamily == AddressFamily.InterNetworkV6 ? Ipv6Length : Ipv4Length;

    private static uint Sum(ReadOnlySpan<byte> data, uint sum)
    {
        int i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += (uint)((data[i] << 8) | data[i + 1]);
        }

        if (i < data.Length)
        {
            sum += (uint)(data[i] << 8);
        }

        return sum;
    }

    private static ushort Fold(uint sum)
    {
        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    private void Finish(TimeSpan time, IPEndPoint source, IPEndPoint destination, ProtocolType protocol, int transportLength, int checksumOffset, ReadOnlySpan<byte> payload, int length)
    {
        if (source.AddressFamily != destination.AddressFamily)
        {
            throw new ArgumentException($"A packet cannot go from {source} to {destination}: the address families differ.", nameof(destination));
        }

        bool v6 = source.AddressFamily == AddressFamily.InterNetworkV6;
        int ip = v6 ? Ipv6Length : Ipv4Length;
        int transport = EthernetLength + ip;
        bool captured = payload.Length >= length;
        var packet = _buffer.AsSpan();
        Mac(destination.Address, packet[0..6]);
        Mac(source.Address, packet[6..12]);
        BinaryPrimitives.WriteUInt16BigEndian(packet[12..], v6 ? (ushort)0x86DD : (ushort)0x0800);
        if (captured)
        {
            payload[..length].CopyTo(packet[(transport + transportLength)..]);
        }

        var header = packet.Slice(EthernetLength, ip);
        header.Clear();
        int segment = transportLength + length;
        if (v6)
        {
            header[0] = 0x60;
            BinaryPrimitives.WriteUInt16BigEndian(header[4..], (ushort)segment);
            header[6] = (byte)protocol;
            header[7] = 64;
            source.Address.TryWriteBytes(header[8..24], out _);
            destination.Address.TryWriteBytes(header[24..40], out _);
        }
        else
        {
            header[0] = 0x45;
            BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)(Ipv4Length + segment));
            BinaryPrimitives.WriteUInt16BigEndian(header[4..], _identification++);
            header[6] = 0x40;
            header[8] = 64;
            header[9] = (byte)protocol;
            source.Address.TryWriteBytes(header[12..16], out _);
            destination.Address.TryWriteBytes(header[16..20], out _);
            BinaryPrimitives.WriteUInt16BigEndian(header[10..], Fold(Sum(header, 0)));
        }

        if (captured)
        {
            // The pseudo-header: both addresses, the protocol and the segment's length.
            uint sum = v6 ? Sum(header.Slice(8, 32), 0) : Sum(header.Slice(12, 8), 0);
            sum += (uint)protocol + (uint)segment;
            ushort checksum = Fold(Sum(packet.Slice(transport, segment), sum));
            if (protocol == ProtocolType.Udp && checksum == 0)
            {
                checksum = 0xFFFF;
            }

            BinaryPrimitives.WriteUInt16BigEndian(packet[(transport + checksumOffset)..], checksum);
        }

        int original = transport + segment;
        int included = captured ? original : transport + transportLength;
        long ticks = _epochTicks + time.Ticks;
        Span<byte> record = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(ticks / TimeSpan.TicksPerSecond));
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)(ticks % TimeSpan.TicksPerSecond * 100));
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)included);
        BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)original);
        _destination.Write(record);
        _destination.Write(packet[..included]);
        Count++;
    }
}
