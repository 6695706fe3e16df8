using System.Text;
using Trial.Fakes.Memory;

namespace Trial.Tests.Fakes.Memory;

public sealed class LineSendingProtocolTests
{
    [Fact]
    public void ItSendsItsLinesOnConnecting_AndRecordsTheLinesItReceives()
    {
        var protocol = new LineSendingProtocol([Bytes("one"), Bytes("two")]);
        var transport = new StringTransportWithDisconnection(protocol);

        protocol.MakeConnection(transport);
        protocol.DataReceived("reply\r\nmore\r\n"u8);

        Encoding.ASCII.GetString(transport.Value()).Should().Be("one\r\ntwo\r\n");
        protocol.Response.Select(Encoding.ASCII.GetString).Should().Equal("reply", "more");
    }

    [Fact]
    public void WithoutStart_ItSendsItsLinesOnce_InAnswerToTheFirstLine()
    {
        var protocol = new LineSendingProtocol([Bytes("answer")], start: false);
        var transport = new StringTransportWithDisconnection(protocol);
        protocol.MakeConnection(transport);
        transport.Value().Should().BeEmpty();

        protocol.DataReceived("first\r\nsecond\r\n"u8);

        Encoding.ASCII.GetString(transport.Value()).Should().Be("answer\r\n");
        protocol.Response.Select(Encoding.ASCII.GetString).Should().Equal("first", "second");
    }

    [Fact]
    public void ItRecordsTheLoss()
    {
        var protocol = new LineSendingProtocol([]);
        var transport = new StringTransportWithDisconnection(protocol);
        protocol.MakeConnection(transport);

        transport.LoseConnection();

        protocol.LostConnection.Should().BeTrue();
        protocol.Connected.Should().BeFalse();
    }

    [Fact]
    public void ItKeepsACopyOfTheLines()
    {
        var lines = new List<byte[]> { Bytes("kept") };
        var protocol = new LineSendingProtocol(lines);
        lines.Clear();
        var transport = new StringTransportWithDisconnection(protocol);

        protocol.MakeConnection(transport);

        Encoding.ASCII.GetString(transport.Value()).Should().Be("kept\r\n");
    }

    private static byte[] Bytes(string text) => Encoding.ASCII.GetBytes(text);
}
