using Trial.Framing;

namespace Trial.Tests.Framing;

/// <summary>The framers alone, with no transport and no pipe: bytes in, a decision out.</summary>
public sealed class FramerTests
{
    [Fact]
    public void LineFramer_FindsTheFirstLineAndWaitsForAPartialOne()
    {
        var framer = new LineFramer("\r\n"u8.ToArray(), 16384);

        framer.Read("ab\r\ncd"u8, out var frame).Should().Be(FrameStatus.Complete);
        frame.Should().Be(new Frame(0, 2, 4));
        framer.Read("cd\r"u8, out _).Should().Be(FrameStatus.NeedMore);
    }

    [Fact]
    public void LineFramer_NeedsOnlyTheRestOfADelimiterSplitAcrossChunks()
    {
        var framer = new LineFramer("\r\n"u8.ToArray(), 16384);

        framer.Needed("cd\r"u8, "\nef\r\n"u8).Should().Be(1);
        framer.Needed("cd"u8, "ef\r\ngh"u8).Should().Be(4);
        framer.Needed("cd"u8, "efgh"u8).Should().Be(4);
    }

    [Theory]
    [InlineData("123456\r\n", nameof(FrameStatus.Invalid))]
    [InlineData("12345\r\n", nameof(FrameStatus.Complete))]
    [InlineData("1234567", nameof(FrameStatus.Invalid))]
    [InlineData("123456", nameof(FrameStatus.NeedMore))]
    public void LineFramer_RefusesALineOverTheMaximumAsSoonAsTheBytesShowIt(string input, string expected)
    {
        var framer = new LineFramer("\r\n"u8.ToArray(), 5);

        framer.Read(System.Text.Encoding.ASCII.GetBytes(input), out _).ToString().Should().Be(expected);
    }

    [Fact]
    public void LengthPrefixFramer_NeedsThePrefixThenTheMessage()
    {
        var framer = new LengthPrefixFramer(2, 99999);

        framer.Read([0], out _).Should().Be(FrameStatus.NeedMore);
        framer.Needed([0], [3, 1, 2, 3, 4]).Should().Be(1);
        framer.Read([0, 3, 1], out _).Should().Be(FrameStatus.NeedMore);
        framer.Needed([0, 3, 1], [2, 3, 4]).Should().Be(2);
        framer.Read([0, 3, 1, 2, 3, 4], out var frame).Should().Be(FrameStatus.Complete);
        frame.Should().Be(new Frame(2, 3, 5));
    }

    [Fact]
    public void LengthPrefixFramer_RefusesAPrefixOverTheMaximumOrTooLongForAnArray()
    {
        var limited = new LengthPrefixFramer(1, 10);
        var unlimited = new LengthPrefixFramer(4, int.MaxValue);

        limited.Read([11], out _).Should().Be(FrameStatus.Invalid);
        limited.AnnouncedLength.Should().Be(11);
        unlimited.Read([0x7F, 0xFF, 0xFF, 0xFF], out _).Should().Be(FrameStatus.Invalid);
        unlimited.Failure().Should().BeOfType<MessageTooLongException>().Which.Length.Should().Be(int.MaxValue);
    }

    [Theory]
    [InlineData("5:hello,", nameof(FrameStatus.Complete))]
    [InlineData("5:hell", nameof(FrameStatus.NeedMore))]
    [InlineData("5\n", nameof(FrameStatus.NeedMore))]
    [InlineData("5\nx", nameof(FrameStatus.Invalid))]
    [InlineData("05:hello,", nameof(FrameStatus.Invalid))]
    [InlineData("5:hello;", nameof(FrameStatus.Invalid))]
    [InlineData("", nameof(FrameStatus.NeedMore))]
    public void NetstringFramer_DecidesAsTwistedDoes(string input, string expected)
    {
        var framer = new NetstringFramer(99999);

        framer.Read(System.Text.Encoding.ASCII.GetBytes(input), out var frame).ToString().Should().Be(expected);

        if (expected == nameof(FrameStatus.Complete))
        {
            frame.Should().Be(new Frame(2, 5, 8));
        }
    }

    [Fact]
    public void NetstringFramer_NeedsTheLengthThroughItsColonThenTheRestOfTheFrame()
    {
        var framer = new NetstringFramer(99999);

        framer.Read("1"u8, out _).Should().Be(FrameStatus.NeedMore);
        framer.Needed("1"u8, "2:abcdefghijkl,"u8).Should().Be(2);
        framer.Read("12:"u8, out _).Should().Be(FrameStatus.NeedMore);
        framer.Needed("12:"u8, "abcdefghijkl,3:"u8).Should().Be(13);
        framer.Needed("5"u8, "\nx"u8).Should().Be(2, "a newline after the digits decides only with the byte after it");
    }

    [Fact]
    public void FrameAssembler_SlicesAWholeMessageFromTheChunkAndCopiesOnlyASplitOne()
    {
        var framer = new LineFramer("\n"u8.ToArray(), 100);
        var held = new ByteBuffer();
        byte[] first = "one\ntw"u8.ToArray();
        byte[] second = "o\nthree\n"u8.ToArray();

        FrameAssembler.Next(ref framer, held, first, out int used, out var frame, out var heldBytes).Should().Be(FrameStatus.Complete);
        (used, heldBytes.IsEmpty, frame).Should().Be((4, true, new Frame(0, 3, 4)));
        FrameAssembler.Next(ref framer, held, first.AsSpan(4), out used, out _, out _).Should().Be(FrameStatus.NeedMore);
        (used, held.Length).Should().Be((2, 2));
        FrameAssembler.Next(ref framer, held, second, out used, out frame, out heldBytes).Should().Be(FrameStatus.Complete);
        used.Should().Be(2, "only the rest of the split line is copied");
        heldBytes.Span.Slice(frame.Start, frame.Length).ToArray().Should().Equal("two"u8.ToArray());
        FrameAssembler.Next(ref framer, held, second.AsSpan(2), out used, out frame, out heldBytes).Should().Be(FrameStatus.Complete);
        (used, heldBytes.IsEmpty, frame).Should().Be((6, true, new Frame(0, 5, 6)));
    }
}
