using System.Buffers.Binary;
using System.Text;
using Trial.Framing;
using Trial.Tests.Support;

namespace Trial.Tests.Framing;

/// <summary>Twisted's IntNTestCaseMixin and Int32/16/8 tests, for each prefix size.</summary>
public sealed class IntNStringReceiverTests
{
    public static TheoryData<int> PrefixSizes => new() { 4, 2, 1 };

    [Theory]
    [MemberData(nameof(PrefixSizes))]
    public void StringReceived_GetsEachMessageFedByteByByte(int prefix)
    {
        var (receiver, log, _) = Connected(prefix);
        string[] strings = ["a", new string('b', 16), ""];

        foreach (byte b in strings.SelectMany(s => Frame(prefix, s)))
        {
            receiver.DataReceived([b]);
        }

        log.Strings.Should().Equal(strings);
    }

    [Theory]
    [MemberData(nameof(PrefixSizes))]
    public void StringReceived_IsNotCalledForPartialMessages(int prefix)
    {
        foreach (byte[] partial in new[] { Frame(prefix, "abc")[..(prefix - 1)], Frame(prefix, "abc")[..^1], [] })
        {
            var (receiver, log, _) = Connected(prefix);
            foreach (byte b in partial)
            {
                receiver.DataReceived([b]);
            }

            log.Strings.Should().BeEmpty();
        }
    }

    [Theory]
    [MemberData(nameof(PrefixSizes))]
    public void SendString_WritesTheBigEndianPrefixAndTheMessage(int prefix)
    {
        var (receiver, log, transport) = Connected(prefix);

        receiver.SendString(Encoding.ASCII.GetBytes(new string('b', 16)));

        transport.Value().Should().Equal(Frame(prefix, new string('b', 16)));
        transport.Writes.Should().ContainSingle();
    }

    [Theory]
    [MemberData(nameof(PrefixSizes))]
    public void LengthLimitExceeded_GetsTheAnnouncedLength(int prefix)
    {
        var (receiver, log, transport) = Connected(prefix);
        receiver.MaxLength = 10;

        receiver.DataReceived(Frame(prefix, "ok").Concat(Prefix(prefix, 11)).ToArray());

        log.Strings.Should().Equal("ok");
        log.Limits.Should().Equal(11L);
        transport.Disconnecting.Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(PrefixSizes))]
    public void StringReceived_IsNotCalledForAMessageOverTheMaximumEvenWhenItArrivesWhole(int prefix)
    {
        var (receiver, log, _) = Connected(prefix);
        receiver.MaxLength = 10;

        receiver.DataReceived(Frame(prefix, new string('x', 11)));

        log.Strings.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(PrefixSizes))]
    public void LengthLimitExceeded_RunsAgainForLaterBytesAndNothingIsDelivered(int prefix)
    {
        var (receiver, log, _) = Connected(prefix);
        receiver.MaxLength = 3;

        receiver.DataReceived(Frame(prefix, "toolong"));
        receiver.DataReceived(Frame(prefix, "ok"));

        log.Limits.Should().Equal(7L, 7L);
        log.Strings.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(PrefixSizes))]
    public void PauseProducing_HoldsBackMessagesUntilResumed(int prefix)
    {
        var (receiver, log, transport) = Connected(prefix);
        log.OnString = s =>
        {
            if (s == "pause")
            {
                receiver.PauseProducing();
            }
        };

        receiver.DataReceived(Frame(prefix, "a").Concat(Frame(prefix, "pause")).Concat(Frame(prefix, "b")).ToArray());
        log.Strings.Should().Equal("a", "pause");
        transport.Paused.Should().BeTrue();

        receiver.ResumeProducing();

        log.Strings.Should().Equal("a", "pause", "b");
        (transport.Paused, receiver.Paused).Should().Be((false, false));
    }

    [Fact]
    public void Int32_SendsAndReceivesTwistedsExample()
    {
        var (receiver, log, transport) = Connected(4);

        receiver.SendString("foo"u8);
        receiver.DataReceived([0, 0, 0, 4, .. "ubar"u8]);

        transport.Value().Should().Equal([0, 0, 0, 3, .. "foo"u8]);
        log.Strings.Should().Equal("ubar");
    }

    [Theory]
    [InlineData(2, 65536)]
    [InlineData(1, 256)]
    public void SendString_RefusesAMessageTooLongForThePrefix(int prefix, int length)
    {
        var (receiver, log, transport) = Connected(prefix);

        var act = () => receiver.SendString(new byte[length]);

        act.Should().Throw<ArgumentException>().WithMessage($"*{length}*");
        transport.Writes.Should().BeEmpty();
    }

    [Theory]
    [InlineData(2, 65535)]
    [InlineData(1, 255)]
    public void SendString_AcceptsTheLongestMessageThePrefixCanAnnounce(int prefix, int length)
    {
        var (receiver, log, transport) = Connected(prefix);

        receiver.SendString(new byte[length]);

        transport.Value().Should().HaveCount(prefix + length);
    }

    [Fact]
    public void MaxLength_RefusesANegativeValueAndDefaultsToTwistedsLimit()
    {
        var (receiver, log, _) = Connected(4);

        receiver.MaxLength.Should().Be(99999);
        receiver.Invoking(r => r.MaxLength = -5).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*-5*");
    }

    [Fact]
    public void StringReceived_GetsAMessageSplitAcrossManyChunksWhole()
    {
        var (receiver, log, _) = Connected(4);
        byte[] frame = Frame(4, new string('m', 70_000));

        for (int i = 0; i < frame.Length; i += 1500)
        {
            receiver.DataReceived(frame.AsSpan(i, Math.Min(1500, frame.Length - i)));
        }

        log.Strings.Should().ContainSingle().Which.Should().Be(new string('m', 70_000));
    }

    private static byte[] Prefix(int prefix, int length)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)length);
        return bytes[(4 - prefix)..];
    }

    private static byte[] Frame(int prefix, string s) => [.. Prefix(prefix, s.Length), .. Encoding.ASCII.GetBytes(s)];

    private static (IntNStringReceiver Receiver, Log Log, RecordingTransport Transport) Connected(int prefix)
    {
        var log = new Log();
        IntNStringReceiver receiver = prefix switch { 4 => new Logging32(log), 2 => new Logging16(log), _ => new Logging8(log) };
        var transport = new RecordingTransport();
        receiver.MakeConnection(transport);
        return (receiver, log, transport);
    }

    private sealed class Log
    {
        public List<string> Strings { get; } = [];

        public List<long> Limits { get; } = [];

        public Action<string>? OnString { get; set; }

        public void Record(ReadOnlySpan<byte> data)
        {
            string text = Encoding.Latin1.GetString(data);
            Strings.Add(text);
            OnString?.Invoke(text);
        }
    }

    private sealed class Logging32(Log log) : Int32StringReceiver
    {
        protected override void StringReceived(ReadOnlySpan<byte> data) => log.Record(data);

        protected override void LengthLimitExceeded(long length)
        {
            log.Limits.Add(length);
            base.LengthLimitExceeded(length);
        }
    }

    private sealed class Logging16(Log log) : Int16StringReceiver
    {
        protected override void StringReceived(ReadOnlySpan<byte> data) => log.Record(data);

        protected override void LengthLimitExceeded(long length)
        {
            log.Limits.Add(length);
            base.LengthLimitExceeded(length);
        }
    }

    private sealed class Logging8(Log log) : Int8StringReceiver
    {
        protected override void StringReceived(ReadOnlySpan<byte> data) => log.Record(data);

        protected override void LengthLimitExceeded(long length)
        {
            log.Limits.Add(length);
            base.LengthLimitExceeded(length);
        }
    }
}
