using System.Buffers.Binary;
using Trial.Fakes.Simulation;

namespace Trial.Tests.Fakes.Simulation.Export;

public sealed class PcapExportTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("trial-pcap-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void WritePcap_WritesANanosecondEthernetCaptureWithOnePacketPerWireEvent()
    {
        using var stream = new MemoryStream();

        int packets = SampleTraces.Conversation().WritePcap(stream);

        // 1: SYN, SYN-ACK, ACK, data, ACK, data, ACK, FIN, FIN; 2: SYN, RST; 3: SYN, SYN-ACK, ACK, 2 data, ACK, RST; 2 UDP.
        packets.Should().Be(20);
        var bytes = stream.ToArray();
        BinaryPrimitives.ReadUInt32LittleEndian(bytes).Should().Be(0xA1B23C4D);
        BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(20)).Should().Be(1, "the link type is Ethernet");
    }

    [Fact]
    public void WritePcap_IsTheSameForTheSameTrace()
    {
        using var first = new MemoryStream();
        using var second = new MemoryStream();

        SampleTraces.Conversation().WritePcap(first);
        SampleTraces.Conversation().WritePcap(second);

        first.ToArray().Should().Equal(second.ToArray());
    }

    [Fact]
    public void WritePcap_BeforeTheUnixEpoch_Throws()
    {
        var act = () => SampleTraces.Conversation().WritePcap(Stream.Null, new DateTimeOffset(1960, 1, 1, 0, 0, 0, TimeSpan.Zero));

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*1960*");
    }

    [TsharkFact]
    public void Tshark_DecodesHostsPortsFlagsSequenceNumbersAndPayloads_WithValidChecksums()
    {
        string file = Write(SampleTraces.Conversation(), "conversation.pcap");

        var rows = Fields(file, "frame.time_relative", "ip.src", "ip.dst", "tcp.srcport", "tcp.dstport", "tcp.flags.str", "tcp.seq", "tcp.ack", "tcp.len", "tcp.payload", "udp.srcport", "udp.dstport", "udp.payload", "ip.checksum.status", "tcp.checksum.status", "udp.checksum.status");

        rows.Should().HaveCount(20);
        rows.Select(r => r[13]).Should().OnlyContain(s => s == "1", "every IPv4 header checksum is good");
        rows.Where(r => r[3].Length > 0).Select(r => r[14]).Should().OnlyContain(s => s == "1", "every TCP checksum is good");
        rows.Where(r => r[10].Length > 0).Select(r => r[15]).Should().OnlyContain(s => s == "1", "every UDP checksum is good");

        var first = rows.Take(9).Select(r => string.Join(' ', r[1], r[2], r[3], r[4], Flags(r[5]), r[6], r[7], r[8], r[9])).ToList();
        first.Should().Equal(
            "10.0.0.1 10.0.0.2 49152 80 S 0 0 0 ",
            "10.0.0.2 10.0.0.1 80 49152 AS 0 1 0 ",
            "10.0.0.1 10.0.0.2 49152 80 A 1 1 0 ",
            "10.0.0.1 10.0.0.2 49152 80 AP 1 1 5 68656c6c6f",
            "10.0.0.2 10.0.0.1 80 49152 A 1 6 0 ",
            "10.0.0.2 10.0.0.1 80 49152 AP 1 6 6 776f726c6421",
            "10.0.0.1 10.0.0.2 49152 80 A 6 7 0 ",
            "10.0.0.1 10.0.0.2 49152 80 AF 6 7 0 ",
            "10.0.0.2 10.0.0.1 80 49152 AF 7 7 0 ");
        rows[0][0].Should().StartWith("0.000000000");
        rows[3][0].Should().StartWith("0.003000000", "the data left 3 ms after the SYN");

        var refused = rows[10];
        (refused[1], refused[3], refused[4], Flags(refused[5])).Should().Be(("10.0.0.2", "81", "49153", "AR"));
        rows.Skip(11).Take(7).Select(r => Flags(r[5])).Should().Equal("S", "AS", "A", "AP", "AP", "A", "AR");
        rows[15][6].Should().Be("1501", "the second segment's sequence number follows from its stream offset");
        rows[16][7].Should().Be("3001");

        var datagrams = rows.Skip(18).ToList();
        datagrams.Select(r => (r[1], r[2], r[10], r[11], r[12])).Should().Equal(
            ("10.0.0.1", "10.0.0.2", "5000", "6000", "70696e67"),
            ("10.0.0.1", "10.0.0.2", "5000", "6000", "6c6f7374"));
    }

    [TsharkFact]
    public void Tshark_FollowsTheTcpStream()
    {
        string file = Write(SampleTraces.Conversation(), "follow.pcap");

        string follow = Tshark.Read(file, "-q", "-z", "follow,tcp,ascii,0");

        follow.Should().Contain("10.0.0.1:49152").And.Contain("10.0.0.2:80").And.Contain("hello").And.Contain("world!");
    }

    [TsharkFact]
    public void Tshark_ReadsATraceWithoutPayloadsAsATruncatedCapture()
    {
        string file = Write(SampleTraces.Conversation(capture: false), "headers.pcap");

        var rows = Fields(file, "frame.len", "frame.cap_len", "tcp.len", "tcp.flags.str");

        rows.Should().HaveCount(20);
        rows[3].Take(3).Should().Equal("59", "54", "5");
    }

    private static string Flags(string flags) => new(flags.Where(char.IsLetter).OrderBy(c => c).ToArray());

    private static List<string[]> Fields(string file, params string[] fields)
    {
        var arguments = new List<string> { "-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE", "-T", "fields", "-E", "separator=|", "-E", "occurrence=f" };
        foreach (string field in fields)
        {
            arguments.Add("-e");
            arguments.Add(field);
        }

        return Tshark.Read(file, [.. arguments]).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('|')).ToList();
    }

    private string Write(NetworkTrace trace, string name)
    {
        string path = Path.Combine(_directory, name);
        using (var file = File.Create(path))
        {
            trace.WritePcap(file);
        }

        return path;
    }
}
