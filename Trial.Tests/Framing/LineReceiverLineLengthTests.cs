using System.Text;
using Trial.Tests.Support;

namespace Trial.Tests.Framing;

/// <summary>Twisted's LineReceiverLineLengthExceededTests and maximum-length cases, for <see cref="Trial.Framing.LineReceiver"/>.</summary>
public sealed class LineReceiverLineLengthTests
{
    [Fact]
    public void LineLengthExceeded_GetsAllOfALongUnendedLine()
    {
        var receiver = Recording(maxLength: 6);
        string excessive = new('x', (6 * 2) + 2);

        receiver.DataReceived(Encoding.ASCII.GetBytes(excessive));

        receiver.Exceeded.Should().Equal(excessive);
    }

    [Fact]
    public void LineLengthExceeded_GetsEverythingAfterAShortLine()
    {
        var receiver = Recording(maxLength: 6);
        string excessive = new('x', (6 * 2) + 2);

        receiver.DataReceived(Encoding.ASCII.GetBytes("x\r\n" + excessive));

        receiver.Lines.Should().Equal("x");
        receiver.Exceeded.Should().Equal(excessive);
    }

    [Fact]
    public void LineLengthExceeded_GetsTheWholeBufferWhenTheDelimiterComesTooLate()
    {
        var receiver = Recording(maxLength: 6);
        string excessive = string.Join("\r\n", new string('x', 14), new string('x', 14));

        receiver.DataReceived(Encoding.ASCII.GetBytes(excessive));

        receiver.Exceeded.Should().Equal(excessive);
        receiver.Lines.Should().BeEmpty();
    }

    [Fact]
    public void LineLengthExceeded_GetsSeveralLongLinesAtOnce()
    {
        var receiver = Recording(maxLength: 6);
        string excessive = string.Concat(Enumerable.Repeat(new string('x', 14) + "\r\n", 2));

        receiver.DataReceived(Encoding.ASCII.GetBytes(excessive));

        receiver.Exceeded.Should().Equal(excessive);
    }

    [Fact]
    public void LineReceiver_ClosesTheConnectionOnALineOverTheMaximumByDefault()
    {
        var (receiver, transport) = Connected();

        receiver.DataReceived(Encoding.ASCII.GetBytes(new string('x', 16385) + "\r\nr"));

        transport.Disconnecting.Should().BeTrue();
        transport.LoseConnectionCalls.Should().Be(1);
        receiver.Lines.Should().BeEmpty();
    }

    [Fact]
    public void LineReceiver_ClosesTheConnectionOnAnUnfinishedLineOfMaximumPlusDelimiterLength()
    {
        var (receiver, transport) = Connected();

        receiver.DataReceived(Encoding.ASCII.GetBytes(new string('x', 16384 + 2)));

        transport.Disconnecting.Should().BeTrue();
    }

    [Fact]
    public void LineReceiver_WaitsOnAnUnfinishedLineOfMaximumPlusAPartialDelimiter()
    {
        var (receiver, transport) = Connected();

        receiver.DataReceived(Encoding.ASCII.GetBytes(new string('x', 16384) + "\r"));

        transport.Disconnecting.Should().BeFalse();
        receiver.DataReceived("\n"u8);
        receiver.Lines.Should().ContainSingle().Which.Should().HaveLength(16384);
    }

    [Fact]
    public void LineReceiver_AcceptsALineAtTheMaximumWhoseDelimiterArrivesSplit()
    {
        // Twisted's test_maximumLineLengthPartialDelimiter.
        var (receiver, transport) = Connected();
        receiver.MaxLength = 4;

        receiver.DataReceived("xxx"u8);
        receiver.DataReceived("\r"u8);
        receiver.DataReceived("\nxxx"u8);

        transport.Disconnecting.Should().BeFalse();
        receiver.Lines.Should().Equal("xxx");
    }

    [Fact]
    public void LineReceiver_DeliversByteByByteLikeLineOnlyReceiver()
    {
        // Twisted's LineOnlyReceiverTests.test_buffer.
        const string buffer = "foo\n    bleakness\n    desolation\n    plastic forks\n";
        var (receiver, _) = Connected();
        receiver.Delimiter = "\n"u8.ToArray();
        receiver.MaxLength = 64;

        foreach (byte b in Encoding.ASCII.GetBytes(buffer))
        {
            receiver.DataReceived([b]);
        }

        receiver.Lines.Should().Equal(buffer.Split('\n')[..^1]);
    }

    [Fact]
    public void LineReceiver_ClosesOnALineLongerThanTheMaximumPlusTheDelimiter()
    {
        // Twisted's LineOnlyReceiverTests.test_greaterThanMaximumLineLength.
        var (receiver, transport) = Connected();
        receiver.Delimiter = "\n"u8.ToArray();
        receiver.MaxLength = 64;

        receiver.DataReceived(Encoding.ASCII.GetBytes(new string('x', 64 + 1 + 1) + "\r\nr"));

        transport.Disconnecting.Should().BeTrue();
    }

    [Fact]
    public void LineReceiver_ParsesNormallyAgainAfterARecordedLongLine()
    {
        var receiver = Recording(maxLength: 3);

        receiver.DataReceived("toolong\r\n"u8);
        receiver.DataReceived("ok\r\n"u8);

        receiver.Exceeded.Should().Equal("toolong\r\n");
        receiver.Lines.Should().Equal("ok");
    }

    private static CollectingLineReceiver Recording(int maxLength)
    {
        var (receiver, _) = Connected();
        receiver.MaxLength = maxLength;
        receiver.CloseWhenExceeded = false;
        return receiver;
    }

    private static (CollectingLineReceiver Receiver, RecordingTransport Transport) Connected()
    {
        var receiver = new CollectingLineReceiver();
        var transport = new RecordingTransport();
        receiver.MakeConnection(transport);
        return (receiver, transport);
    }
}
