using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Trial.Fakes.IOSim;
using Trial.Framing;
using Trial.Streams;

using Trial.Tests.Support;

namespace Trial.Tests.Framing.Async;

/// <summary>The async readers' contract beyond Twisted's vectors: ends, errors, cancellation, disposal, allocation.</summary>
public sealed class ReaderTests
{
    [Fact]
    public async Task ReadLineAsync_ReturnsEachLineThenNullAtACleanEnd()
    {
        var pipe = Filled("héllo\r\n\r\nworld\r\n"u8);
        using var lines = new LineReader(pipe.Reader);

        (await lines.ReadLineAsync()).Should().Be("héllo");
        (await lines.ReadLineAsync()).Should().Be(string.Empty);
        (await lines.ReadLineAsync()).Should().Be("world");
        (await lines.ReadLineAsync()).Should().BeNull();
        (await lines.ReadLineAsync()).Should().BeNull();
    }

    [Fact]
    public async Task ReadAsync_ThrowsEndOfStream_WhenTheInputEndsInsideALine()
    {
        using var lines = new LineReader(Filled("done\r\nhalf a li"u8).Reader);

        (await lines.ReadLineAsync()).Should().Be("done");
        var read = async () => await lines.ReadLineAsync();

        (await read.Should().ThrowAsync<EndOfStreamException>()).WithMessage("*9 bytes*\"half a li\"*");
        await read.Should().ThrowAsync<EndOfStreamException>("a broken reader stays broken");
    }

    [Fact]
    public async Task ReadAsync_ThrowsMessageTooLong_AsSoonAsALineCannotFit()
    {
        var pipe = NewPipe();
        using var lines = new LineReader(pipe.Reader) { MaxLength = 4 };
        var reading = lines.ReadLineAsync().AsTask();

        await pipe.Writer.WriteAsync("ab\r\n"u8.ToArray());
        (await reading).Should().Be("ab");
        reading = lines.ReadLineAsync().AsTask();
        await pipe.Writer.WriteAsync("12345"u8.ToArray());
        reading.IsCompleted.Should().BeFalse("five bytes may still be a four-byte line and half a delimiter");
        await pipe.Writer.WriteAsync("6"u8.ToArray());

        var error = (await FluentActions.Awaiting(() => reading).Should().ThrowAsync<MessageTooLongException>()).Which;
        error.Length.Should().Be(6);
        error.MaxLength.Should().Be(4);
        error.Message.Should().Contain("4");
    }

    [Fact]
    public async Task LengthPrefixedReader_RefusesAPrefixOverTheMaximumBeforeTheMessageArrives()
    {
        using var messages = new LengthPrefixedReader(Filled([0, 0, 0, 11]).Reader) { MaxLength = 10 };

        var error = (await FluentActions.Awaiting(async () => await messages.ReadAsync()).Should().ThrowAsync<MessageTooLongException>()).Which;

        error.Length.Should().Be(11);
        error.Message.Should().Contain("32-bit").And.Contain("11").And.Contain("10");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(5)]
    public void LengthPrefixedReader_RefusesAPrefixLengthOtherThanOneTwoOrFour(int prefixLength)
    {
        var act = () => new LengthPrefixedReader(NewPipe().Reader, prefixLength);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage($"*{prefixLength}*");
    }

    [Fact]
    public async Task NetstringReader_ThrowsTheParseErrorTheReceiverReports()
    {
        using var netstrings = new NetstringReader(Filled("3:abc,2:abc,"u8).Reader);

        (await netstrings.ReadStringAsync()).Should().Be("abc");
        var error = (await FluentActions.Awaiting(async () => await netstrings.ReadStringAsync()).Should().ThrowAsync<NetstringParseException>()).Which;

        error.Message.Should().Contain("comma");
    }

    [Fact]
    public async Task NetstringReader_RefusesALengthNoBufferCanHold()
    {
        using var netstrings = new NetstringReader(Filled("2147483647:"u8).Reader) { MaxLength = int.MaxValue };

        var error = (await FluentActions.Awaiting(async () => await netstrings.ReadAsync()).Should().ThrowAsync<NetstringParseException>()).Which;

        error.Message.Should().Contain("2147483647");
    }

    [Fact]
    public async Task ReadAsync_Cancelled_KeepsTheLineBegunForTheNextRead()
    {
        var pipe = NewPipe();
        using var lines = new LineReader(pipe.Reader);
        using var cancellation = new CancellationTokenSource();
        await pipe.Writer.WriteAsync("hel"u8.ToArray());
        var first = lines.ReadLineAsync(cancellation.Token).AsTask();

        await cancellation.CancelAsync();
        await FluentActions.Awaiting(() => first).Should().ThrowAsync<OperationCanceledException>();
        await pipe.Writer.WriteAsync("lo\r\n"u8.ToArray());

        (await lines.ReadLineAsync()).Should().Be("hello");
    }

    [Fact]
    public async Task Dispose_LeavesTheBytesAfterTheLastLineInThePipe()
    {
        var pipe = Filled("HEADER\r\nraw body"u8);
        using (var lines = new LineReader(pipe.Reader))
        {
            (await lines.ReadLineAsync()).Should().Be("HEADER");
        }

        var rest = await pipe.Reader.ReadAsync();
        Encoding.ASCII.GetString(rest.Buffer).Should().Be("raw body");
        pipe.Reader.AdvanceTo(rest.Buffer.End);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task Dispose_ClosesAStreamUnlessLeftOpen(bool leaveOpen, bool closed)
    {
        var stream = new ChunkStream(["a\r\n"u8.ToArray()]);
        var lines = new LineReader(stream, leaveOpen);
        (await lines.ReadLineAsync()).Should().Be("a");

        lines.Dispose();

        stream.Disposed.Should().Be(closed);
    }

    [Fact]
    public async Task ReadAsync_AllocatesNothingPerLine()
    {
        const int count = 2000;
        var pipe = Filled(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("0123456789abcdef\r\n", count))));
        using var lines = new LineReader(pipe.Reader);
        for (int i = 0; i < 10; i++)
        {
            (await lines.ReadAsync()).Should().NotBeNull();
        }

        int read = 0;
        const int window = (count - 10) / 5;
        long allocated = await Allocations.LeastAsync(windows: 5, async () =>
        {
            for (int i = 0; i < window; i++)
            {
                read += (await lines.ReadAsync())?.Length == 16 ? 1 : 0;
            }
        });

        read.Should().Be(count - 10);
        (await lines.ReadAsync()).Should().BeNull();
        allocated.Should().BeLessThan(window, "reading lines already in the pipe allocates nothing per line");
    }

    [Fact]
    public async Task LineReader_ReadsWhatALineReceiverSendsOverThePump_DeliveredByteByByte()
    {
        var options = new IOPumpOptions { Slicing = Slicing.ByteByByte };
        var (client, server, pump) = IOPump.ConnectedServerAndClient(new StreamProtocol(), new Sender(), options);

        var reading = pump.Start(async () =>
        {
            using var lines = new LineReader(server.Pipe.Input) { Encoding = Encoding.Latin1 };
            var received = new List<string>();
            while (await lines.ReadLineAsync() is { } line)
            {
                received.Add(line);
            }

            return received;
        });
        client.SendLine("première", Encoding.Latin1);
        client.SendLine("naïve");
        client.SendLine(string.Empty);
        client.Transport!.LoseConnection();
        pump.RunUntil(reading);

        reading.IsCompletedSuccessfully.Should().BeTrue();
        (await reading).Should().Equal("première", "naÃ¯ve", string.Empty);
    }

    private static Pipe NewPipe() =>
        new(new PipeOptions(readerScheduler: PipeScheduler.Inline, writerScheduler: PipeScheduler.Inline, pauseWriterThreshold: 0, useSynchronizationContext: false));

    private static Pipe Filled(ReadOnlySpan<byte> bytes)
    {
        var pipe = NewPipe();
        pipe.Writer.Write(bytes);
        pipe.Writer.Complete();
        return pipe;
    }

    private sealed class Sender : LineReceiver
    {
        protected override void LineReceived(ReadOnlySpan<byte> line)
        {
        }
    }
}
