using System.Text.Json;

namespace Trial.Fakes.Simulation;

/// <summary>Writes a trace as JSON lines.</summary>
internal static class TraceJsonWriter
{
    private static readonly byte[] NewLine = [(byte)'\n'];

    internal static void Write(NetworkTrace trace, Stream destination)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, SkipValidation = true });
        int count = trace.Count;
        for (int i = 0; i < count; i++)
        {
            var e = trace.Read(i);
            json.WriteStartObject();
            json.WriteNumber("index", e.Index);
            json.WriteNumber("ticks", e.Time.Ticks);
            json.WriteString("time", TraceFormatter.Seconds(e.Time));
            json.WriteString("kind", e.Kind.ToString());
            json.WriteString("host", e.Host);
            if (e.ConnectionId != 0)
            {
                json.WriteNumber("connection", e.ConnectionId);
            }

            if (e.Peer is not null)
            {
                json.WriteString("peer", e.Peer);
            }

            if (e.Source is not null)
            {
                json.WriteString("source", e.Source.ToString());
                json.WriteString("destination", e.Destination?.ToString());
            }

            if (e.ByteCount != 0 || e.StreamOffset != 0)
            {
                json.WriteNumber("offset", e.StreamOffset);
                json.WriteNumber("count", e.ByteCount);
            }

            if (e.Detail is not null)
            {
                json.WriteString("detail", e.Detail);
            }

            if (!e.Payload.IsEmpty)
            {
                json.WriteBase64String("payload", e.Payload.Span);
            }

            json.WriteEndObject();
            json.Flush();
            System.Buffers.BuffersExtensions.Write(buffer, NewLine);
            if (buffer.WrittenCount > 60_000)
            {
                destination.Write(buffer.WrittenSpan);
                buffer.ResetWrittenCount();
            }

            json.Reset(buffer);
        }

        destination.Write(buffer.WrittenSpan);
        destination.Flush();
    }
}
