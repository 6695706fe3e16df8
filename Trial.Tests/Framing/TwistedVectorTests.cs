using Trial.Framing;
using Trial.Tests.Framing.Scripted;
using Trial.Tests.Framing.Vectors;
using Trial.Tests.Support;

namespace Trial.Tests.Framing;

/// <summary>
/// Replays the vectors that Vectors/generate.py recorded from Twisted 22.4: every input whole, byte by byte and in
/// seeded random chunkings, expecting exactly the callbacks, closes and leftovers Twisted produced, and the exact
/// bytes Twisted writes.
/// </summary>
public sealed class TwistedVectorTests
{
    public static TheoryData<string, string> LineCases => TwistedVectors.Cases("lines.json");

    public static TheoryData<string, string> PrefixedCases => TwistedVectors.Cases("prefixed.json");

    public static TheoryData<string, string> NetstringCases => TwistedVectors.Cases("netstrings.json");

    public static TheoryData<int> SendCases
    {
        get
        {
            var cases = new TheoryData<int>();
            for (int i = 0; i < TwistedVectors.Elements("sends.json").Count; i++)
            {
                cases.Add(i);
            }

            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(LineCases))]
    public void LineReceiver_DeliversWhatTwistedDeliversInEveryChunking(string vector, string chunking)
    {
        var (v, c) = TwistedVectors.Find("lines.json", vector, chunking);
        var receiver = new ScriptedLineReceiver(v.Options.GetProperty("script").GetString()!, v.Options.GetProperty("exceeded").GetString()!)
        {
            Delimiter = TwistedVectors.Bytes(v.Options.GetProperty("delimiter")),
            MaxLength = v.Options.GetProperty("maxLength").GetInt32(),
        };

        var events = VectorHarness.Run(receiver, Chunks(v, c), () => TwistedVectors.Text(receiver.ClearLineBuffer()));

        events.Should().Equal(v.Runs[c.Name].Events);
    }

    [Theory]
    [MemberData(nameof(PrefixedCases))]
    public void IntNStringReceivers_DeliverWhatTwistedDeliversInEveryChunking(string vector, string chunking)
    {
        var (v, c) = TwistedVectors.Find("prefixed.json", vector, chunking);
        var receiver = ScriptedPrefixedReceivers.Create(v.Options.GetProperty("receiver").GetString()!, v.Options.GetProperty("maxLength").GetInt32());

        var events = VectorHarness.Run(receiver, Chunks(v, c));

        events.Should().Equal(v.Runs[c.Name].Events);
    }

    [Theory]
    [MemberData(nameof(NetstringCases))]
    public void NetstringReceiver_DeliversAndRefusesWhatTwistedDoesInEveryChunking(string vector, string chunking)
    {
        var (v, c) = TwistedVectors.Find("netstrings.json", vector, chunking);
        var receiver = new ScriptedNetstringReceiver { MaxLength = v.Options.GetProperty("maxLength").GetInt32() };

        var events = VectorHarness.Run(receiver, Chunks(v, c));

        events.Should().Equal(v.Runs[c.Name].Events);
    }

    [Theory]
    [MemberData(nameof(SendCases))]
    public void Senders_WriteTheBytesTwistedWritesInOneWrite(int index)
    {
        var vector = TwistedVectors.Elements("sends.json")[index];
        string kind = vector.GetProperty("kind").GetString()!;
        byte[] data = TwistedVectors.Bytes(vector.GetProperty("data"));
        var transport = new RecordingTransport();
        Action send = kind switch
        {
            "line" => () => Connect(new ScriptedLineReceiver("plain", "close") { Delimiter = TwistedVectors.Bytes(vector.GetProperty("delimiter")) }, transport).SendLine(data),
            "netstring" => () => Connect(new ScriptedNetstringReceiver(), transport).SendString(data),
            _ => () => ((IntNStringReceiver)Connect(ScriptedPrefixedReceivers.Create(kind, 99999), transport)).SendString(data),
        };

        if (vector.TryGetProperty("error", out _))
        {
            send.Should().Throw<ArgumentException>().WithMessage($"*{data.Length}*");
            transport.Writes.Should().BeEmpty();
        }
        else
        {
            send();
            transport.Value().Should().Equal(TwistedVectors.Bytes(vector.GetProperty("written")));
            transport.Writes.Should().ContainSingle();
        }
    }

    [Theory]
    [InlineData("lines.json")]
    [InlineData("prefixed.json")]
    [InlineData("netstrings.json")]
    public void SeededChunkings_CutInputsWhereGeneratePyCutThem(string file)
    {
        foreach (var vector in TwistedVectors.Receiving(file))
        {
            foreach (var chunking in TwistedVectors.Chunkings(file).Where(c => c.Seed != 0))
            {
                var run = vector.Runs[chunking.Name];
                var chunks = chunking.Split(vector.Input);
                chunks.Should().HaveCount(run.Chunks!.Value, $"{vector.Name} cut by {chunking.Name}");
                if (run.Sizes is not null)
                {
                    chunks.Select(c => c.Length).Should().Equal(run.Sizes, $"{vector.Name} cut by {chunking.Name}");
                }
            }
        }
    }

    private static List<byte[]> Chunks(ReceiveVector vector, Chunking chunking) => chunking.Split(vector.Input);

    private static T Connect<T>(T protocol, RecordingTransport transport)
        where T : Trial.Protocols.IProtocol
    {
        protocol.MakeConnection(transport);
        return protocol;
    }
}
