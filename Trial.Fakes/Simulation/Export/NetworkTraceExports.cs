namespace Trial.Fakes.Simulation;

/// <summary>
/// Views of a <see cref="NetworkTrace"/> for people and tools: a sequence diagram to open in a browser, and a packet
/// capture for Wireshark and tshark.
/// </summary>
public static class NetworkTraceExports
{
    /// <summary>
    /// Writes the trace's traffic as a pcap file (classic format, nanosecond timestamps, Ethernet link type) with
    /// synthesized Ethernet, IPv4 or IPv6, TCP and UDP headers, which Wireshark and tshark read.
    /// </summary>
    /// <param name="trace">The trace.</param>
    /// <param name="destination">Where to write; it is flushed, not closed.</param>
    /// <param name="epoch">The wall time that virtual time zero stands for; the Unix epoch when <see langword="null"/>, so packet times read as virtual seconds.</param>
    /// <returns>The number of packets written.</returns>
    /// <remarks>
    /// <para>
    /// A TCP connection appears as its SYN, SYN-ACK and ACK; each data segment at the time it left its sender, with
    /// its sequence number from its stream offset; an ACK from the receiver when the bytes were delivered; a FIN-ACK
    /// for a clean close and an RST for a reset (an RST-ACK for a refused connect). Each datagram sent is one UDP
    /// packet. Faults, timers and losses have no packet: see the trace or the sequence diagram for those.
    /// </para>
    /// <para>
    /// IP, TCP and UDP checksums are correct when the network captured payloads
    /// (<see cref="NetworkOptions.CapturePayloads"/>). Without them each record holds only the headers, with the
    /// packet's true length, as a capture with a short snap length would, and the TCP/UDP checksum is zero. Host
    /// MAC addresses are 02:00 followed by the host's IPv4 address (or the last four bytes of its IPv6 address).
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epoch"/> is before the Unix epoch.</exception>
    public static int WritePcap(this NetworkTrace trace, Stream destination, DateTimeOffset? epoch = null)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(destination);
        var start = epoch ?? DateTimeOffset.UnixEpoch;
        if (start < DateTimeOffset.UnixEpoch)
        {
            throw new ArgumentOutOfRangeException(nameof(epoch), epoch, $"A pcap file counts time from the Unix epoch, so the epoch cannot be before it, but was {start:O}.");
        }

        var buffered = new BufferedStream(destination, 1 << 16);
        var writer = new PacketWriter(buffered, start);
        new PcapExporter(writer).Export(trace);
        buffered.Flush();
        return writer.Count;
    }
}
