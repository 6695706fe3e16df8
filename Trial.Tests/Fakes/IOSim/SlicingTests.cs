using System.Text;
using Trial.Fakes.IOSim;
using Trial.Fakes.Memory;
using Trial.Framing;
using Trial.Randomness;

namespace Trial.Tests.Fakes.IOSim;

public sealed class SlicingTests
{
    [Fact]
    public void Whole_DeliversEachRoundInOneCall()
    {
        var sizes = Deliver(Slicing.Whole, 100);

        sizes.Should().Equal(100);
    }

    [Fact]
    public void ByteByByte_DeliversOneByteAPerCall()
    {
        var sizes = Deliver(Slicing.ByteByByte, 5);

        sizes.Should().Equal(1, 1, 1, 1, 1);
    }

    [Fact]
    public void Fixed_DeliversChunksOfTheSize_TheLastShorter()
    {
        var sizes = Deliver(Slicing.Fixed(4), 10);

        sizes.Should().Equal(4, 4, 2);
    }

    [Fact]
    public void Random_DrawsSizesWithinTheBounds_AndTheSameSeedGivesTheSameSizes()
    {
        var first = Deliver(Slicing.Random(42, 3, 7), 500);
        var again = Deliver(Slicing.Random(42, 3, 7), 500);
        var other = Deliver(Slicing.Random(43, 3, 7), 500);

        first.Sum().Should().Be(500);
        first.SkipLast(1).Should().OnlyContain(size => size >= 3 && size <= 7);
        first.Distinct().Should().HaveCountGreaterThan(2);
        again.Should().Equal(first);
        other.Should().NotEqual(first);
    }

    [Fact]
    public void Random_CanUseAGivenSource()
    {
        var sizes = Deliver(Slicing.Random(new SeededRandom(1), 2, 2), 6);

        sizes.Should().Equal(2, 2, 2);
    }

    [Fact]
    public void SlicesAcrossSeparateWrites_AreJoined_SoTheSizesHold()
    {
        var (client, server, pump) = IOPump.ConnectedServerAndClient(new SizeRecorder(), new Trial.Fakes.Memory.AccumulatingProtocol(), new IOPumpOptions { Slicing = Slicing.Fixed(3) });
        client.Transport!.Write("ab"u8);
        client.Transport.Write(new byte[5000]);
        client.Transport.Write("yz"u8);

        pump.Flush();

        server.Sizes.SkipLast(1).Should().OnlyContain(size => size == 3);
        server.Bytes.Take(2).Should().Equal((byte)'a', (byte)'b');
        server.Bytes.TakeLast(2).Should().Equal((byte)'y', (byte)'z');
        server.Bytes.Should().HaveCount(5004);
    }

    [Theory]
    [InlineData("bytes", 0UL)]
    [InlineData("random", 1UL)]
    [InlineData("random", 2UL)]
    [InlineData("random", 3UL)]
    public void LengthPrefixedMessages_SurviveSplitReads(string kind, ulong seed)
    {
        var slicing = kind == "bytes" ? Slicing.ByteByByte : Slicing.Random(seed, 1, 13);
        var (client, server, pump) = IOPump.ConnectedServerAndClient(new ReversingStringServer(), new StringCollector(), new IOPumpOptions { Slicing = slicing, MaxFlushRounds = 100 });
        var random = new SeededRandom(seed);
        var sent = new List<byte[]>();
        for (int i = 0; i < 40; i++)
        {
            var message = new byte[i % 10 == 0 ? 0 : random.Next(1, 700)];
            for (int j = 0; j < message.Length; j++)
            {
                message[j] = (byte)random.Next(0, 256);
            }

            sent.Add(message);
            client.SendString(message);
            if (i % 7 == 0)
            {
                pump.Pump();
            }
        }

        pump.Flush();

        client.Strings.Should().HaveCount(sent.Count);
        for (int i = 0; i < sent.Count; i++)
        {
            client.Strings[i].Should().Equal(sent[i].Reverse(), $"message {i} of {sent[i].Length} bytes came back reversed");
        }

        server.Calls.Should().BeGreaterThan(sent.Count * 4, "the reads were split");
    }

    [Fact]
    public void Lines_SurviveRandomSlicing_BothWays()
    {
        string[] lines = ["HELO example.com", "", "MAIL FROM:<a@example.com>", new string('x', 500), "QUIT"];
        var client = new LineSendingProtocol(lines.Select(Encoding.ASCII.GetBytes));
        var (_, _, pump) = IOPump.ConnectedServerAndClient(new LineEcho(), client, new IOPumpOptions { Slicing = Slicing.Random(99, 1, 7) });

        pump.Flush();

        client.Response.Select(Encoding.ASCII.GetString).Should().Equal(lines);
    }

    [Fact]
    public void Factories_RejectOutOfRangeSizes_NamingThem()
    {
        FluentActions.Invoking(() => Slicing.Fixed(0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => Slicing.Random(1, 0, 5)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => Slicing.Random(1, 5, 4)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*smallest (5)*4*");
    }

    [Fact]
    public void ToString_SaysWhatTheSlicingIs()
    {
        Slicing.Whole.ToString().Should().Be("Whole");
        Slicing.ByteByByte.ToString().Should().Be("Fixed(1)");
        Slicing.Fixed(8).ToString().Should().Be("Fixed(8)");
        Slicing.Random(1, 2, 9).ToString().Should().Be("Random(2..9)");
    }

    private static List<int> Deliver(Slicing slicing, int count)
    {
        var (client, server, pump) = IOPump.ConnectedServerAndClient(new SizeRecorder(), new Trial.Fakes.Memory.AccumulatingProtocol(), new IOPumpOptions { Slicing = slicing });
        client.Transport!.Write(new byte[count]);
        pump.Pump().Should().BeTrue();
        server.Bytes.Should().HaveCount(count);
        return server.Sizes;
    }

    private sealed class ReversingStringServer : Int32StringReceiver
    {
        public int Calls { get; private set; }

        public override void DataReceived(ReadOnlySpan<byte> data)
        {
            Calls++;
            base.DataReceived(data);
        }

        protected override void StringReceived(ReadOnlySpan<byte> data)
        {
            var reversed = data.ToArray();
            Array.Reverse(reversed);
            SendString(reversed);
        }
    }

    private sealed class StringCollector : Int32StringReceiver
    {
        public List<byte[]> Strings { get; } = [];

        protected override void StringReceived(ReadOnlySpan<byte> data) => Strings.Add(data.ToArray());
    }

    private sealed class LineEcho : LineReceiver
    {
        protected override void LineReceived(ReadOnlySpan<byte> line) => SendLine(line);
    }

    private sealed class SizeRecorder : Trial.Protocols.Protocol
    {
        public List<int> Sizes { get; } = [];

        public List<byte> Bytes { get; } = [];

        public override void DataReceived(ReadOnlySpan<byte> data)
        {
            Sizes.Add(data.Length);
            Bytes.AddRange(data.ToArray());
        }
    }
}
