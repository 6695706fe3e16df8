using System.Text;
using Trial.Framing;
using Trial.Randomness;
using Trial.Tests.Support;

namespace Trial.Tests.Framing;

public sealed class LineReceiverTests
{
    [Fact]
    public void LineReceiver_DeliversLinesSplitAcrossChunks()
    {
        var (receiver, _) = Connected();

        foreach (string chunk in new[] { "hel", "lo\r", "\nwor", "ld\r\n\r", "\n" })
        {
            receiver.DataReceived(Encoding.ASCII.GetBytes(chunk));
        }

        receiver.Lines.Should().Equal("hello", "world", "");
    }

    [Fact]
    public void LineReceiver_DeliversTheSameLinesForEverySeededChunking()
    {
        byte[] input = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 200).Select(i => $"line {i} {new string('x', i % 37)}\r\n")));
        var expected = Enumerable.Range(0, 200).Select(i => $"line {i} {new string('x', i % 37)}").ToList();

        for (ulong seed = 1; seed <= 50; seed++)
        {
            var (receiver, _) = Connected();
            var random = new SeededRandom(seed);
            for (int position = 0; position < input.Length;)
            {
                int size = random.Next(1, Math.Min(input.Length - position, 64) + 1);
                receiver.DataReceived(input.AsSpan(position, size));
                position += size;
            }

            receiver.Lines.Should().Equal(expected, $"seed {seed}");
        }
    }

    [Fact]
    public void LineReceiver_AllocatesNothingPerLineWhenLinesArriveInLargeChunks()
    {
        byte[] chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("0123456789abcdef\r\n", 3641)));
        var receiver = new CountingReceiver();
        receiver.MakeConnection(new RecordingTransport());
        for (int i = 0; i < 20; i++)
        {
            receiver.DataReceived(chunk);
        }

        long allocated = Allocations.Least(windows: 5, () =>
        {
            for (int i = 0; i < 20; i++)
            {
                receiver.DataReceived(chunk);
            }
        });

        receiver.Count.Should().Be(120 * 3641);
        allocated.Should().BeLessThan(4096, "lines whole in a chunk are slices of it, and a split line reuses one buffer");
    }

    [Fact]
    public void LineReceiver_StopsDeliveringTheChunkOnceAHandlerClosesTheConnection()
    {
        var (receiver, transport) = Connected();
        receiver.OnLine = line =>
        {
            if (line == "quit")
            {
                transport.LoseConnection();
            }
        };

        receiver.DataReceived("a\r\nquit\r\nb\r\n"u8);

        receiver.Lines.Should().Equal("a", "quit");
        receiver.ClearLineBuffer().Should().Equal("b\r\n"u8.ToArray());
    }

    [Fact]
    public void LineReceiver_HoldsBackBufferedLinesWhilePausedAndDeliversThemOnResume()
    {
        // Twisted's ProducerTests.test_pauseResume: the protocol pauses itself after every line.
        var (receiver, transport) = Connected();
        receiver.OnLine = _ => receiver.PauseProducing();

        receiver.DataReceived("hello, "u8);
        receiver.Lines.Should().BeEmpty();
        transport.Paused.Should().BeFalse();

        receiver.DataReceived("world\r\n"u8);
        receiver.Lines.Should().Equal("hello, world");
        (transport.Paused, receiver.Paused).Should().Be((true, true));

        receiver.ResumeProducing();
        receiver.Lines.Should().Equal("hello, world");
        (transport.Paused, receiver.Paused).Should().Be((false, false));

        receiver.DataReceived("hello\r\nworld\r\n"u8);
        receiver.Lines.Should().Equal("hello, world", "hello");

        receiver.ResumeProducing();
        receiver.Lines.Should().Equal("hello, world", "hello", "world");
        receiver.Paused.Should().BeTrue();

        receiver.DataReceived("goodbye\r\n"u8);
        receiver.Lines.Should().HaveCount(3);

        receiver.ResumeProducing();
        receiver.Lines.Should().Equal("hello, world", "hello", "world", "goodbye");

        receiver.ResumeProducing();
        (transport.Paused, receiver.Paused).Should().Be((false, false));
    }

    [Fact]
    public void StopProducing_StopsDeliveryAndStopsTheTransport()
    {
        var (receiver, transport) = Connected();
        receiver.OnLine = line =>
        {
            if (line == "stop")
            {
                receiver.StopProducing();
            }
        };

        receiver.DataReceived("a\r\nstop\r\nb\r\n"u8);
        receiver.DataReceived("c\r\n"u8);

        receiver.Lines.Should().Equal("a", "stop");
        transport.ProducerStopped.Should().BeTrue();
    }

    [Fact]
    public void ClearLineBuffer_CalledFromALineHandler_TakesTheRestOfTheChunk()
    {
        // Twisted's test_clearLineBuffer.
        var receiver = new CollectingLineReceiver();
        byte[]? rest = null;
        receiver.OnLine = _ => rest = receiver.ClearLineBuffer();

        receiver.DataReceived("foo\r\nbar\r\nbaz"u8);
        receiver.Lines.Should().Equal("foo");
        rest.Should().Equal("bar\r\nbaz"u8.ToArray());

        receiver.DataReceived("quux\r\n"u8);
        receiver.Lines.Should().Equal("foo", "quux");
        rest.Should().BeEmpty();
    }

    [Fact]
    public void SetRawMode_FromALineHandler_HandsTheRestOfTheChunkOverRaw()
    {
        var receiver = new CollectingLineReceiver();
        receiver.OnLine = line =>
        {
            if (line == "body")
            {
                receiver.SetRawMode();
            }
        };

        receiver.DataReceived("head\r\nbody\r\nraw\r\nbytes"u8);
        receiver.DataReceived("more"u8);

        receiver.Lines.Should().Equal("head", "body");
        receiver.Raw.Should().Equal("raw\r\nbytes", "more");
        receiver.LineMode.Should().BeFalse();
    }

    [Fact]
    public void SetLineMode_WithExtraBytes_ParsesThemAsLinesBeforeLaterData()
    {
        var receiver = new CollectingLineReceiver();
        receiver.SetRawMode();
        receiver.OnRaw = data => receiver.SetLineMode(Encoding.ASCII.GetBytes(data[3..]));

        receiver.DataReceived("abcx\r\ny"u8);
        receiver.DataReceived("z\r\n"u8);

        receiver.Raw.Should().Equal("abcx\r\ny");
        receiver.Lines.Should().Equal("x", "yz");
    }

    [Fact]
    public void LineReceiver_SwitchesModesOnEveryByteWithoutDeepRecursion()
    {
        // Twisted's test_stackRecursion: a raw handler that switches back to line mode does not recurse.
        var receiver = new FlippingReceiver { Delimiter = "\n"u8.ToArray() };

        receiver.DataReceived(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("x\nx", 20_000))));

        receiver.Lines.Should().Be(20_000);
        receiver.AllLinesWereX.Should().BeTrue();
    }

    [Fact]
    public void DataReceived_CalledFromAHandler_QueuesBehindTheCurrentChunk()
    {
        var receiver = new CollectingLineReceiver();
        receiver.OnLine = line =>
        {
            if (line == "inject")
            {
                receiver.DataReceived("injected\r\n"u8);
            }
        };

        receiver.DataReceived("inject\r\nafter\r\npart"u8);

        receiver.Lines.Should().Equal("inject", "after", "partinjected");
    }

    [Fact]
    public void LineReceiver_KeepsTheRestOfTheChunkWhenAHandlerThrows()
    {
        var receiver = new CollectingLineReceiver();
        receiver.OnLine = line =>
        {
            if (line == "boom")
            {
                throw new InvalidOperationException("boom");
            }
        };

        var act = () => receiver.DataReceived("a\r\nboom\r\nb\r\n"u8);

        act.Should().Throw<InvalidOperationException>();
        receiver.DataReceived(default);
        receiver.Lines.Should().Equal("a", "boom", "b");
    }

    [Fact]
    public void RawDataReceived_NotOverridden_ThrowsNotSupported()
    {
        var receiver = new LinesOnly();
        receiver.SetRawMode();

        var act = () => receiver.DataReceived("data"u8);

        act.Should().Throw<NotSupportedException>().WithMessage("*LinesOnly*4 bytes*");
    }

    [Fact]
    public void SendLine_WritesTheLineAndDelimiterInOneWrite()
    {
        var (receiver, transport) = Connected();
        receiver.Delimiter = "\n"u8.ToArray();

        receiver.SendLine("hello"u8);

        transport.Writes.Should().ContainSingle().Which.Should().Equal("hello\n"u8.ToArray());
    }

    [Fact]
    public void SendLine_BeforeConnecting_Throws()
    {
        var act = () => new CollectingLineReceiver().SendLine("x"u8);

        act.Should().Throw<InvalidOperationException>().WithMessage("*CollectingLineReceiver*connected*");
    }

    [Fact]
    public void Options_RefuseAnEmptyDelimiterAndANegativeMaximum()
    {
        var receiver = new CollectingLineReceiver();

        receiver.Invoking(r => r.Delimiter = ReadOnlyMemory<byte>.Empty).Should().Throw<ArgumentException>();
        receiver.Invoking(r => r.MaxLength = -1).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*-1*");
        (receiver.MaxLength, Encoding.ASCII.GetString(receiver.Delimiter.Span)).Should().Be((16384, "\r\n"));
    }

    private static (CollectingLineReceiver Receiver, RecordingTransport Transport) Connected()
    {
        var receiver = new CollectingLineReceiver();
        var transport = new RecordingTransport();
        receiver.MakeConnection(transport);
        return (receiver, transport);
    }

    private sealed class CountingReceiver : LineReceiver
    {
        public long Count { get; private set; }

        protected override void LineReceived(ReadOnlySpan<byte> line) => Count++;
    }

    private sealed class FlippingReceiver : LineReceiver
    {
        public int Lines { get; private set; }

        public bool AllLinesWereX { get; private set; } = true;

        protected override void LineReceived(ReadOnlySpan<byte> line)
        {
            Lines++;
            AllLinesWereX &= line.SequenceEqual("x"u8);
            SetRawMode();
        }

        protected override void RawDataReceived(ReadOnlySpan<byte> data) => SetLineMode(data[1..]);
    }

    private sealed class LinesOnly : LineReceiver
    {
        protected override void LineReceived(ReadOnlySpan<byte> line)
        {
        }
    }
}
