using System.Text;
using System.Text.Json;
using Trial.Randomness;

namespace Trial.Tests.Framing.Vectors;

/// <summary>How a vector's input is cut into chunks: whole, byte by byte, or by a seeded random source.</summary>
internal sealed record Chunking(string Name, ulong Seed, int Max)
{
    /// <summary>Cuts <paramref name="data"/> as generate.py does (its SeededRandom port draws the same sizes).</summary>
    public List<byte[]> Split(byte[] data)
    {
        if (Name == "whole")
        {
            return [data];
        }

        if (Name == "bytes")
        {
            return data.Select(b => new[] { b }).ToList();
        }

        var random = new SeededRandom(Seed);
        var chunks = new List<byte[]>();
        for (int position = 0; position < data.Length;)
        {
            int size = random.Next(1, Math.Min(data.Length - position, Max) + 1);
            chunks.Add(data[position..(position + size)]);
            position += size;
        }

        return chunks;
    }
}

/// <summary>What Twisted did with one vector in one chunking.</summary>
internal sealed record VectorRun(IReadOnlyList<string> Events, int? Chunks, IReadOnlyList<int>? Sizes);

/// <summary>A receiving vector: its options (as in the JSON), its input, and Twisted's result per chunking.</summary>
internal sealed record ReceiveVector(string Name, JsonElement Options, byte[] Input, IReadOnlyDictionary<string, VectorRun> Runs);

/// <summary>Reads the vectors that generate.py made with Twisted (copied next to the test assembly).</summary>
internal static class TwistedVectors
{
    private static readonly Dictionary<string, JsonDocument> Documents = [];
    private static readonly Dictionary<string, IReadOnlyList<ReceiveVector>> Parsed = [];

    public static IReadOnlyList<Chunking> Chunkings(string file) => Document(file).RootElement.GetProperty("chunkings").EnumerateArray()
        .Select(c => new Chunking(
            c.GetProperty("name").GetString()!,
            c.TryGetProperty("seed", out var seed) ? seed.GetUInt64() : 0,
            c.TryGetProperty("max", out var max) ? max.GetInt32() : 0))
        .ToList();

    public static IReadOnlyList<ReceiveVector> Receiving(string file)
    {
        var document = Document(file);
        lock (Parsed)
        {
            if (!Parsed.TryGetValue(file, out var vectors))
            {
                vectors = document.RootElement.GetProperty("vectors").EnumerateArray()
                    .Select(v => new ReceiveVector(
                        v.GetProperty("name").GetString()!,
                        v,
                        Bytes(v.GetProperty("input")),
                        v.GetProperty("runs").EnumerateObject().ToDictionary(r => r.Name, r => Run(r.Value))))
                    .ToList();
                Parsed[file] = vectors;
            }

            return vectors;
        }
    }

    public static IReadOnlyList<JsonElement> Elements(string file) => Document(file).RootElement.GetProperty("vectors").EnumerateArray().ToList();

    /// <summary>One row per vector and chunking, for a theory.</summary>
    public static TheoryData<string, string> Cases(string file)
    {
        var cases = new TheoryData<string, string>();
        foreach (var vector in Receiving(file))
        {
            foreach (var chunking in Chunkings(file))
            {
                cases.Add(vector.Name, chunking.Name);
            }
        }

        return cases;
    }

    public static (ReceiveVector Vector, Chunking Chunking) Find(string file, string vector, string chunking) =>
        (Receiving(file).Single(v => v.Name == vector), Chunkings(file).Single(c => c.Name == chunking));

    /// <summary>Decodes a byte string: JSON text whose code points are the byte values, or <c>{"runs": [[byte, count], ...]}</c>.</summary>
    public static byte[] Bytes(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return Encoding.Latin1.GetBytes(element.GetString()!);
        }

        var bytes = new List<byte>();
        foreach (var run in element.GetProperty("runs").EnumerateArray())
        {
            bytes.AddRange(Enumerable.Repeat(Encoding.Latin1.GetBytes(run[0].GetString()!)[0], run[1].GetInt32()));
        }

        return [.. bytes];
    }

    /// <summary>Renders received bytes the way events carry them.</summary>
    public static string Text(ReadOnlySpan<byte> data) => Encoding.Latin1.GetString(data);

    private static VectorRun Run(JsonElement run) => new(
        run.GetProperty("events").EnumerateArray().Select(Event).ToList(),
        run.TryGetProperty("chunks", out var chunks) ? chunks.GetInt32() : null,
        run.TryGetProperty("sizes", out var sizes) ? sizes.EnumerateArray().Select(s => s.GetInt32()).ToList() : null);

    private static string Event(JsonElement e)
    {
        var parts = e.EnumerateArray().ToList();
        string kind = parts[0].GetString()!;
        return parts.Count == 1 ? kind : parts[1].ValueKind switch
        {
            JsonValueKind.String => $"{kind}:{parts[1].GetString()}",
            JsonValueKind.Object => $"{kind}:{Text(Bytes(parts[1]))}",
            _ => $"{kind}:{parts[1].GetRawText()}",
        };
    }

    private static JsonDocument Document(string file)
    {
        lock (Documents)
        {
            if (!Documents.TryGetValue(file, out var document))
            {
                document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Framing", "Vectors", file)));
                Documents[file] = document;
            }

            return document;
        }
    }
}
