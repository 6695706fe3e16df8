using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Trial.Framing;
using Trial.Tests.Framing.Scripted;
using Trial.Tests.Framing.Vectors;

namespace Trial.Tests.Framing.Async;

/// <summary>
/// Replays Twisted's vectors through the async readers: every vector whose script only receives (no handler that
/// switches modes, closes or stops), in every chunking, over a pipe written chunk by chunk while the reader waits,
/// over a pipe written in full whose bytes lie in three-byte segments, and over a stream read one chunk at a time. The reader must
/// return the messages Twisted delivered, then fail where Twisted reported an error, or end where the input ends.
/// </summary>
public sealed class ReaderVectorTests
{
    public static TheoryData<string, string, string> LineCases => Cases("lines.json", v => v.Options.GetProperty("script").GetString() == "plain");

    public static TheoryData<string, string, string> PrefixedCases => Cases("prefixed.json", v => !Strings(v).Any(s => s is "quit" or "stop"));

    public static TheoryData<string, string, string> NetstringCases => Cases("netstrings.json", v => !Strings(v).Contains("quit"));

    [Theory]
    [MemberData(nameof(LineCases))]
    public async Task LineReader_ReadsWhatLineReceiverDelivers(string vector, string chunking, string feed)
    {
        var (v, c) = TwistedVectors.Find("lines.json", vector, chunking);
        var events = Expected(v, c, feed);
        var expected = events.TakeWhile(e => !e.StartsWith("exceeded:", StringComparison.Ordinal)).Where(e => e.StartsWith("line:", StringComparison.Ordinal)).ToList();
        bool tooLong = events.Any(e => e.StartsWith("exceeded:", StringComparison.Ordinal));
        bool cleanEnd = events.Contains("pending:");
        expected.Add(tooLong ? nameof(MessageTooLongException) : cleanEnd ? "end" : nameof(EndOfStreamException));

        var actual = await Feed(feed, c.Split(v.Input), pipe => new LineReader(pipe)
        {
            Delimiter = TwistedVectors.Bytes(v.Options.GetProperty("delimiter")),
            MaxLength = v.Options.GetProperty("maxLength").GetInt32(),
        }.ReadAsync, stream => new LineReader(stream)
        {
            Delimiter = TwistedVectors.Bytes(v.Options.GetProperty("delimiter")),
            MaxLength = v.Options.GetProperty("maxLength").GetInt32(),
        }.ReadAsync, "line:");

        actual.Should().Equal(expected);
    }

    [Theory]
    [MemberData(nameof(PrefixedCases))]
    public async Task LengthPrefixedReader_ReadsWhatIntNStringReceiverDelivers(string vector, string chunking, string feed)
    {
        var (v, c) = TwistedVectors.Find("prefixed.json", vector, chunking);
        int prefix = v.Options.GetProperty("receiver").GetString() switch { "int32" => 4, "int16" => 2, _ => 1 };
        int maxLength = v.Options.GetProperty("maxLength").GetInt32();
        var events = Expected(v, c, feed);
        var expected = events.TakeWhile(e => !e.StartsWith("limit:", StringComparison.Ordinal)).Where(e => e.StartsWith("string:", StringComparison.Ordinal)).ToList();
        bool tooLong = events.Any(e => e.StartsWith("limit:", StringComparison.Ordinal));
        bool cleanEnd = expected.Sum(e => prefix + Encoding.Latin1.GetByteCount(e[7..])) == v.Input.Length;
        expected.Add(tooLong ? nameof(MessageTooLongException) : cleanEnd ? "end" : nameof(EndOfStreamException));

        var actual = await Feed(
            feed,
            c.Split(v.Input),
            pipe => new LengthPrefixedReader(pipe, prefix) { MaxLength = maxLength }.ReadAsync,
            stream => new LengthPrefixedReader(stream, prefix) { MaxLength = maxLength }.ReadAsync,
            "string:");

        actual.Should().Equal(expected);
    }

    [Theory]
    [MemberData(nameof(NetstringCases))]
    public async Task NetstringReader_ReadsAndRefusesWhatNetstringReceiverDoes(string vector, string chunking, string feed)
    {
        var (v, c) = TwistedVectors.Find("netstrings.json", vector, chunking);
        int maxLength = v.Options.GetProperty("maxLength").GetInt32();
        var events = Expected(v, c, feed);
        var expected = events.TakeWhile(e => !e.StartsWith("parseError:", StringComparison.Ordinal)).Where(e => e.StartsWith("string:", StringComparison.Ordinal)).ToList();
        string? error = events.FirstOrDefault(e => e.StartsWith("parseError:", StringComparison.Ordinal));
        bool cleanEnd = expected.Sum(e => Encoding.Latin1.GetByteCount(e[7..]).ToString(System.Globalization.CultureInfo.InvariantCulture).Length + 2 + Encoding.Latin1.GetByteCount(e[7..])) == v.Input.Length;
        expected.Add(error ?? (cleanEnd ? "end" : nameof(EndOfStreamException)));

        var actual = await Feed(
            feed,
            c.Split(v.Input),
            pipe => new NetstringReader(pipe) { MaxLength = maxLength }.ReadAsync,
            stream => new NetstringReader(stream) { MaxLength = maxLength }.ReadAsync,
            "string:");

        actual.Should().Equal(expected);
    }

    /// <summary>
    /// What Twisted delivered for the bytes as the reader meets them: in the chunking's pieces, except over a pipe
    /// written in full before the read, where every byte is at hand at once (in many segments) as in the whole run.
    /// </summary>
    private static IReadOnlyList<string> Expected(ReceiveVector vector, Chunking chunking, string feed) =>
        vector.Runs[feed == "segments" ? "whole" : chunking.Name].Events;

    private static TheoryData<string, string, string> Cases(string file, Func<ReceiveVector, bool> receivesOnly)
    {
        var cases = new TheoryData<string, string, string>();
        foreach (var vector in TwistedVectors.Receiving(file).Where(receivesOnly))
        {
            foreach (var chunking in TwistedVectors.Chunkings(file))
            {
                foreach (string feed in new[] { "pipe", "segments", "stream" })
                {
                    cases.Add(vector.Name, chunking.Name, feed);
                }
            }
        }

        return cases;
    }

    private static IEnumerable<string> Strings(ReceiveVector vector) =>
        vector.Runs.Values.SelectMany(r => r.Events).Where(e => e.StartsWith("string:", StringComparison.Ordinal)).Select(e => e[7..]);

    /// <summary>Feeds the chunks to a reader made by one of the factories and returns what it read, then how it ended.</summary>
    private static async Task<List<string>> Feed(
        string feed,
        List<byte[]> chunks,
        Func<PipeReader, Func<CancellationToken, ValueTask<ReadOnlyMemory<byte>?>>> overPipe,
        Func<Stream, Func<CancellationToken, ValueTask<ReadOnlyMemory<byte>?>>> overStream,
        string kind)
    {
        switch (feed)
        {
            case "pipe":
            {
                // Inline schedulers: each flush runs the waiting reader on this thread, so the reader meets every split.
                var pipe = new Pipe(new PipeOptions(readerScheduler: PipeScheduler.Inline, writerScheduler: PipeScheduler.Inline, pauseWriterThreshold: 0, useSynchronizationContext: false));
                var reading = ReadAll(overPipe(pipe.Reader), kind);
                foreach (byte[] chunk in chunks.TakeWhile(_ => !reading.IsCompleted))
                {
                    await pipe.Writer.WriteAsync(chunk);
                }

                await pipe.Writer.CompleteAsync();
                reading.IsCompleted.Should().BeTrue("completing the writer runs the reader to the end");
                return await reading;
            }

            case "segments":
            {
                var pipe = new Pipe(new PipeOptions(pool: new SmallBlockPool(3), minimumSegmentSize: 1, pauseWriterThreshold: 0, useSynchronizationContext: false));
                foreach (byte[] chunk in chunks)
                {
                    pipe.Writer.Write(chunk);
                }

                await pipe.Writer.CompleteAsync();
                return await ReadAll(overPipe(pipe.Reader), kind);
            }

            default:
                return await ReadAll(overStream(new ChunkStream(chunks)), kind);
        }
    }

    private static async Task<List<string>> ReadAll(Func<CancellationToken, ValueTask<ReadOnlyMemory<byte>?>> read, string kind)
    {
        var events = new List<string>();
        try
        {
            // No captured context: the reader resumes inline inside the writer's flush, so the test stays on one thread.
            while (await read(CancellationToken.None).ConfigureAwait(false) is { } message)
            {
                events.Add(kind + TwistedVectors.Text(message.Span));
            }

            events.Add("end");
        }
        catch (NetstringParseException e)
        {
            events.Add("parseError:" + ScriptedNetstringReceiver.Kind(e));
        }
        catch (Exception e) when (e is MessageTooLongException or EndOfStreamException)
        {
            events.Add(e.GetType().Name);
        }

        return events;
    }
}
