using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Examples.KeyValue.Resp;

/// <summary>Parses RESP2 replies from a <see cref="ReadOnlySequence{T}"/>, as a <see cref="System.IO.Pipelines.PipeReader"/> hands them over.</summary>
/// <remarks>A reply split anywhere across reads parses the same: <see cref="TryRead"/> consumes nothing until the whole reply is there.</remarks>
public static class RespReplyParser
{
    /// <summary>The longest bulk string accepted: 512 MiB, as in Redis.</summary>
    public const int MaxBulkLength = 512 * 1024 * 1024;

    /// <summary>Reads one whole reply from the start of <paramref name="buffer"/>, and slices it off.</summary>
    /// <param name="buffer">The bytes received; on success, what is left after the reply.</param>
    /// <param name="reply">The reply.</param>
    /// <returns><see langword="true"/> when a whole reply was read; <see langword="false"/> (with <paramref name="buffer"/> unchanged) when more bytes are needed.</returns>
    /// <exception cref="RespProtocolException">The bytes are not a RESP2 reply.</exception>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, out RespReply reply)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (!TryReadValue(ref reader, out reply!))
        {
            return false;
        }

        buffer = buffer.Slice(reader.Position);
        return true;
    }

    private static bool TryReadValue(ref SequenceReader<byte> reader, out RespReply? reply)
    {
        reply = null;
        if (!reader.TryRead(out byte prefix) || !reader.TryReadTo(out ReadOnlySequence<byte> line, "\r\n"u8))
        {
            return false;
        }

        switch (prefix)
        {
            case (byte)'+':
                reply = new RespReply(RespReplyKind.SimpleString, Text: Encoding.UTF8.GetString(line));
                return true;
            case (byte)'-':
                reply = new RespReply(RespReplyKind.Error, Text: Encoding.UTF8.GetString(line));
                return true;
            case (byte)':':
                reply = new RespReply(RespReplyKind.Integer, Integer: ParseInteger(line));
                return true;
            case (byte)'$':
                return TryReadBulk(ref reader, ParseInteger(line), out reply);
            case (byte)'*':
                return TryReadArray(ref reader, ParseInteger(line), out reply);
            default:
                throw new RespProtocolException($"expected a reply type (+ - : $ *), got byte 0x{prefix:x2}");
        }
    }

    private static bool TryReadBulk(ref SequenceReader<byte> reader, long length, out RespReply? reply)
    {
        reply = null;
        if (length < 0)
        {
            reply = new RespReply(RespReplyKind.BulkString);
            return true;
        }

        if (length > MaxBulkLength)
        {
            throw new RespProtocolException(string.Create(CultureInfo.InvariantCulture, $"invalid bulk length {length}"));
        }

        if (reader.Remaining < length + 2)
        {
            return false;
        }

        var bytes = new byte[length];
        reader.TryCopyTo(bytes);
        reader.Advance(length);
        if (!reader.IsNext("\r\n"u8, advancePast: true))
        {
            throw new RespProtocolException(string.Create(CultureInfo.InvariantCulture, $"bulk string of length {length} is not followed by CRLF"));
        }

        reply = new RespReply(RespReplyKind.BulkString, Bulk: bytes);
        return true;
    }

    private static bool TryReadArray(ref SequenceReader<byte> reader, long count, out RespReply? reply)
    {
        reply = null;
        if (count < 0)
        {
            reply = new RespReply(RespReplyKind.Array);
            return true;
        }

        if (count > reader.Remaining)
        {
            return false;
        }

        var elements = new RespReply[count];
        for (long i = 0; i < count; i++)
        {
            if (!TryReadValue(ref reader, out var element))
            {
                return false;
            }

            elements[i] = element!;
        }

        reply = new RespReply(RespReplyKind.Array, Elements: elements);
        return true;
    }

    private static long ParseInteger(ReadOnlySequence<byte> line)
    {
        Span<byte> text = stackalloc byte[21];
        if (line.Length > text.Length)
        {
            throw new RespProtocolException(string.Create(CultureInfo.InvariantCulture, $"an integer line of {line.Length} bytes"));
        }

        line.CopyTo(text);
        text = text[..(int)line.Length];
        return Utf8Parser.TryParse(text, out long value, out int used) && used == text.Length
            ? value
            : throw new RespProtocolException($"invalid integer '{Encoding.ASCII.GetString(text)}'");
    }
}
