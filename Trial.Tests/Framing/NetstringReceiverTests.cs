using System.Text;
using Trial.Framing;
using Trial.Tests.Support;

namespace Trial.Tests.Framing;

/// <summary>Twisted's NetstringReceiverTests, for <see cref="NetstringReceiver"/>.</summary>
public sealed class NetstringReceiverTests
{
    private static readonly string[] TwistedStrings = ["hello", "world", "how", "are", "you123", ":today", new string('a', 515)];

    public static TheoryData<string> IllegalStrings => new()
    {
        "9999999999999999999999", "abc", "4:abcde", "51:" + new string('a', 50) + "b,",
        "2:aaa,", "0:a,", ":aaa,", "3aaa,", "aaa,", "aaa", "01:a,", "-1:a,",
    };

    [Fact]
    public void NetstringReceiver_ReceivesWhatItSendsInChunksOfEverySize()
    {
        var sender = new Collecting();
        var wire = new RecordingTransport();
        sender.MakeConnection(wire);
        foreach (string s in TwistedStrings)
        {
            sender.SendString(Encoding.ASCII.GetBytes(s));
        }

        for (int size = 1; size < 10; size++)
        {
            var (receiver, _) = Connected(maxLength: 699);
            byte[] all = wire.Value();
            for (int i = 0; i < all.Length; i += size)
            {
                receiver.DataReceived(all.AsSpan(i, Math.Min(size, all.Length - i)));
            }

            receiver.Strings.Should().Equal(TwistedStrings, $"chunks of {size}");
        }
    }

    [Theory]
    [InlineData("0:,", "")]
    [InlineData("1:a,", "a")]
    [InlineData("2:ab,", "ab")]
    [InlineData("4:1:a,,", "1:a,")]
    public void StringReceived_GetsThePayload(string netstring, string payload)
    {
        var (receiver, transport) = Connected();

        receiver.DataReceived(Encoding.ASCII.GetBytes(netstring));

        receiver.Strings.Should().Equal(payload);
        transport.Disconnecting.Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(IllegalStrings))]
    public void NetstringReceiver_ClosesTheConnectionOnAnIllegalNetstringFedByteByByte(string illegal)
    {
        var (receiver, transport) = Connected(maxLength: 50);

        foreach (byte b in Encoding.ASCII.GetBytes(illegal))
        {
            receiver.DataReceived([b]);
        }

        transport.Disconnecting.Should().BeTrue();
        receiver.ParseError.Should().NotBeNull();
        receiver.Strings.Should().BeEmpty();
    }

    [Theory]
    [InlineData("4:aa", "aa,")]
    [InlineData("1", "0:01234", "56789", ",")]
    [InlineData("2", ":", "a", "b", ",")]
    public void StringReceived_GetsANetstringReceivedInPortions(params string[] portions)
    {
        var (receiver, _) = Connected();

        foreach (string portion in portions)
        {
            receiver.DataReceived(Encoding.ASCII.GetBytes(portion));
        }

        receiver.Strings.Should().ContainSingle().Which.Should().Be(string.Concat(portions).Split(':', 2)[1][..^1]);
    }

    [Fact]
    public void StringReceived_GetsTwoNetstringsWhoseSecondLengthArrivesWithTheFirst()
    {
        var (receiver, _) = Connected();

        receiver.DataReceived("1:a,1"u8);
        receiver.Strings.Should().Equal("a");
        receiver.DataReceived(":b,"u8);

        receiver.Strings.Should().Equal("a", "b");
    }

    [Theory]
    [InlineData(12, false)]
    [InlineData(11, true)]
    public void MaxLength_IsTheLongestLengthAccepted(int maxLength, bool refused)
    {
        var (receiver, transport) = Connected(maxLength);

        receiver.DataReceived(Encoding.ASCII.GetBytes("12:" + new string('c', 12) + ","));

        transport.Disconnecting.Should().Be(refused);
        receiver.Strings.Should().HaveCount(refused ? 0 : 1);
    }

    [Fact]
    public void ParseError_NamesTheProblemAndTheOffendingBytes()
    {
        var (missing, _) = Connected();
        var (tooLong, _) = Connected(maxLength: 99);
        var (comma, _) = Connected();

        missing.DataReceived("abc"u8);
        tooLong.DataReceived("100:"u8);
        comma.DataReceived("2:aaa,"u8);

        missing.ParseError!.Message.Should().Contain("length specification").And.Contain("\"abc\"");
        tooLong.ParseError!.Message.Should().Contain("\"100\"").And.Contain("99");
        comma.ParseError!.Message.Should().Contain("comma").And.Contain("\"a\"");
        missing.ParseError.Should().BeAssignableTo<FormatException>();
    }

    [Fact]
    public void NetstringReceiver_DeliversNothingAfterAnInvalidNetstringAndReportsItAgainForMoreBytes()
    {
        var (receiver, transport) = Connected();

        receiver.DataReceived("1:a,1:b;1:c,"u8);
        receiver.DataReceived("1:d,"u8);

        receiver.Strings.Should().Equal("a");
        receiver.Errors.Should().HaveCount(2).And.OnlyContain(e => ReferenceEquals(e, receiver.ParseError));
        transport.LoseConnectionCalls.Should().Be(2);
    }

    [Fact]
    public void NetstringReceiver_WaitsOnALengthFollowedByANewlineAsTwistedDoes()
    {
        var (receiver, transport) = Connected();

        receiver.DataReceived("12\n"u8);
        transport.Disconnecting.Should().BeFalse();
        receiver.DataReceived("x"u8);

        transport.Disconnecting.Should().BeTrue();
    }

    [Theory]
    [InlineData("2147483647:")]
    [InlineData("2147483647:a")]
    [InlineData("2147483647:", "a")]
    [InlineData("2147483646:ab")]
    public void NetstringLengthOverflow_WithMaxLengthIntMaxValue_IsAParseErrorThatCloses(params string[] portions)
    {
        var (receiver, transport) = Connected(maxLength: int.MaxValue);

        foreach (string portion in portions)
        {
            receiver.DataReceived(Encoding.ASCII.GetBytes(portion));
        }

        receiver.ParseError.Should().BeOfType<NetstringParseException>().Which.Message.Should().Contain("214748364");
        receiver.Errors.Should().NotBeEmpty();
        transport.Disconnecting.Should().BeTrue();
        receiver.Strings.Should().BeEmpty();
    }

    [Fact]
    public void SendString_WritesOneNetstringInOneWrite()
    {
        var (receiver, transport) = Connected();

        receiver.SendString("hello world!"u8);

        transport.Writes.Should().ContainSingle().Which.Should().Equal("12:hello world!,"u8.ToArray());
    }

    [Fact]
    public void MaxLength_RefusesANegativeValueAndDefaultsToTwistedsLimit()
    {
        var (receiver, _) = Connected(99999);

        receiver.MaxLength.Should().Be(99999);
        receiver.Invoking(r => r.MaxLength = -1).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*-1*");
    }

    private static (Collecting Receiver, RecordingTransport Transport) Connected(int maxLength = 99999)
    {
        var receiver = new Collecting { MaxLength = maxLength };
        var transport = new RecordingTransport();
        receiver.MakeConnection(transport);
        return (receiver, transport);
    }

    private sealed class Collecting : NetstringReceiver
    {
        public List<string> Strings { get; } = [];

        public List<NetstringParseException> Errors { get; } = [];

        protected override void StringReceived(ReadOnlySpan<byte> data) => Strings.Add(Encoding.Latin1.GetString(data));

        protected override void InvalidNetstringReceived(NetstringParseException error)
        {
            Errors.Add(error);
            base.InvalidNetstringReceived(error);
        }
    }
}
