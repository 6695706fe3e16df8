using System.Text;
using Trial.Framing;
using Trial.Tests.Framing.Scripted;
using Trial.Tests.Support;

namespace Trial.Tests.Framing;

/// <summary>The string conveniences of the senders: encode, frame, and write once.</summary>
public sealed class StringSendingTests
{
    [Fact]
    public void SendLine_EncodesAStringAsUtf8ByDefault()
    {
        var transport = new RecordingTransport();
        var receiver = new CollectingLineReceiver();
        receiver.MakeConnection(transport);

        receiver.SendLine("héllo");

        transport.Writes.Should().ContainSingle().Which.Should().Equal("h\u00c3\u00a9llo\r\n".Select(c => (byte)c));
    }

    [Fact]
    public void SendLine_EncodesAStringWithTheGivenEncodingAndDelimiter()
    {
        var transport = new RecordingTransport();
        var receiver = new CollectingLineReceiver { Delimiter = "\n"u8.ToArray() };
        receiver.MakeConnection(transport);

        receiver.SendLine("héllo", Encoding.Latin1);

        transport.Value().Should().Equal(Encoding.Latin1.GetBytes("héllo\n"));
    }

    [Fact]
    public void NetstringSendString_FramesTheEncodedLength()
    {
        var transport = new RecordingTransport();
        var receiver = new ScriptedNetstringReceiver();
        receiver.MakeConnection(transport);

        receiver.SendString("é");

        transport.Writes.Should().ContainSingle().Which.Should().Equal("2:\u00c3\u00a9,".Select(c => (byte)c));
    }

    [Fact]
    public void PrefixedSendString_RefusesAStringWhoseEncodingIsTooLongForThePrefix()
    {
        var transport = new RecordingTransport();
        var receiver = (IntNStringReceiver)ScriptedPrefixedReceivers.Create("int8", 99999);
        receiver.MakeConnection(transport);

        receiver.SendString(new string('é', 127));
        var act = () => receiver.SendString(new string('é', 128));

        transport.Value().Should().HaveCount(255).And.StartWith([254]);
        act.Should().Throw<ArgumentException>().WithMessage("*256*");
    }
}
