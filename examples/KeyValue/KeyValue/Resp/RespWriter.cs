using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Examples.KeyValue.Resp;

/// <summary>Writes RESP2 values (simple strings, errors, integers, bulk strings, arrays) into a buffer.</summary>
public static class RespWriter
{
    /// <summary>Writes a simple string, <c>+OK\r\n</c>; the text must not contain CR or LF.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="text">The ASCII text.</param>
    public static void WriteSimpleString(IBufferWriter<byte> output, ReadOnlySpan<byte> text) => WriteLine(output, (byte)'+', text);

    /// <summary>Writes an error, <c>-ERR message\r\n</c>; the message must not contain CR or LF.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="message">The message, starting with its error code (<c>ERR</c>, <c>WRONGTYPE</c>...).</param>
    public static void WriteError(IBufferWriter<byte> output, string message)
    {
        ArgumentNullException.ThrowIfNull(output);
        Span<byte> text = stackalloc byte[Math.Min(message.Length, 256)];
        int length = Encoding.ASCII.GetBytes(message.AsSpan(0, text.Length), text);
        WriteLine(output, (byte)'-', text[..length]);
    }

    /// <summary>Writes an integer, <c>:42\r\n</c>.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="value">The value.</param>
    public static void WriteInteger(IBufferWriter<byte> output, long value) => WriteHeader(output, (byte)':', value);

    /// <summary>Writes a bulk string, <c>$5\r\nhello\r\n</c>.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="value">The bytes, any bytes.</param>
    public static void WriteBulkString(IBufferWriter<byte> output, ReadOnlySpan<byte> value)
    {
        WriteHeader(output, (byte)'$', value.Length);
        var span = output.GetSpan(value.Length + 2);
        value.CopyTo(span);
        span[value.Length] = (byte)'\r';
        span[value.Length + 1] = (byte)'\n';
        output.Advance(value.Length + 2);
    }

    /// <summary>Writes the null bulk string, <c>$-1\r\n</c>: RESP2's "no such key".</summary>
    /// <param name="output">Where to write.</param>
    public static void WriteNull(IBufferWriter<byte> output) => WriteHeader(output, (byte)'$', -1);

    /// <summary>Writes an array header, <c>*3\r\n</c>; the caller writes the elements after it.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="count">How many elements follow.</param>
    public static void WriteArrayHeader(IBufferWriter<byte> output, int count) => WriteHeader(output, (byte)'*', count);

    private static void WriteHeader(IBufferWriter<byte> output, byte prefix, long value)
    {
        ArgumentNullException.ThrowIfNull(output);
        var span = output.GetSpan(24);
        span[0] = prefix;
        Utf8Formatter.TryFormat(value, span[1..], out int written);
        span[1 + written] = (byte)'\r';
        span[2 + written] = (byte)'\n';
        output.Advance(3 + written);
    }

    private static void WriteLine(IBufferWriter<byte> output, byte prefix, ReadOnlySpan<byte> text)
    {
        ArgumentNullException.ThrowIfNull(output);
        var span = output.GetSpan(text.Length + 3);
        span[0] = prefix;
        text.CopyTo(span[1..]);
        span[1 + text.Length] = (byte)'\r';
        span[2 + text.Length] = (byte)'\n';
        output.Advance(text.Length + 3);
    }
}
