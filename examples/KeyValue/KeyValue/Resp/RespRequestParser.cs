using System.Buffers.Text;
using System.Globalization;

namespace Examples.KeyValue.Resp;

/// <summary>
/// Parses what clients send a RESP2 server: a command as an array of bulk strings (<c>*2\r\n$3\r\nGET\r\n$1\r\nk\r\n</c>,
/// what <c>redis-cli</c> sends), or an inline command (<c>GET k\r\n</c>, what a person types into telnet).
/// </summary>
/// <remarks>
/// Parsing is apart from I/O: give it the bytes received so far; it reports a whole command as ranges into them,
/// or that more bytes are needed. A command split anywhere across reads parses the same. It allocates nothing
/// once the argument list has grown to the command's size, and an incomplete bulk string is not rescanned.
/// </remarks>
public static class RespRequestParser
{
    /// <summary>The most arguments a command may have: 4096 (a partial command is parsed again from its start on each read, so this bounds that work).</summary>
    public const int MaxArguments = 4096;

    /// <summary>The longest bulk string accepted: 16 MiB (Redis allows 512 MB).</summary>
    public const int MaxBulkLength = 16 * 1024 * 1024;

    /// <summary>The longest inline command accepted: 64 KiB, as in Redis.</summary>
    public const int MaxInlineLength = 64 * 1024;

    /// <summary>Parses the first command in <paramref name="buffer"/>.</summary>
    /// <param name="buffer">The bytes received and not yet consumed.</param>
    /// <param name="arguments">Cleared, then filled with the command's arguments as ranges of <paramref name="buffer"/>; empty for a blank line.</param>
    /// <param name="consumed">How many bytes the command took; 0 when incomplete.</param>
    /// <returns><see langword="true"/> when a whole command was parsed; <see langword="false"/> when more bytes are needed.</returns>
    /// <exception cref="RespProtocolException">The bytes are not a valid request.</exception>
    public static bool TryParse(ReadOnlySpan<byte> buffer, List<Range> arguments, out int consumed)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        arguments.Clear();
        consumed = 0;
        if (buffer.IsEmpty)
        {
            return false;
        }

        return buffer[0] == (byte)'*' ? TryParseArray(buffer, arguments, out consumed) : TryParseInline(buffer, arguments, out consumed);
    }

    private static bool TryParseArray(ReadOnlySpan<byte> buffer, List<Range> arguments, out int consumed)
    {
        consumed = 0;
        if (!TryReadNumber(buffer, 0, "multibulk length", out long count, out int position))
        {
            return false;
        }

        if (count > MaxArguments)
        {
            throw new RespProtocolException(string.Create(CultureInfo.InvariantCulture, $"invalid multibulk length {count}"));
        }

        for (long i = 0; i < count; i++)
        {
            if (position >= buffer.Length)
            {
                return false;
            }

            if (buffer[position] != (byte)'$')
            {
                throw new RespProtocolException($"expected '$', got '{(char)buffer[position]}'");
            }

            if (!TryReadNumber(buffer, position, "bulk length", out long length, out int start))
            {
                return false;
            }

            if (length is < 0 or > MaxBulkLength)
            {
                throw new RespProtocolException(string.Create(CultureInfo.InvariantCulture, $"invalid bulk length {length}"));
            }

            int end = start + (int)length;
            if (buffer.Length < end + 2)
            {
                return false;
            }

            if (buffer[end] != (byte)'\r' || buffer[end + 1] != (byte)'\n')
            {
                throw new RespProtocolException(string.Create(CultureInfo.InvariantCulture, $"bulk string of length {length} is not followed by CRLF"));
            }

            arguments.Add(start..end);
            position = end + 2;
        }

        consumed = position;
        return true;
    }

    private static bool TryParseInline(ReadOnlySpan<byte> buffer, List<Range> arguments, out int consumed)
    {
        consumed = 0;
        int newline = buffer.IndexOf((byte)'\n');
        if (newline < 0)
        {
            return buffer.Length <= MaxInlineLength
                ? false
                : throw new RespProtocolException(string.Create(CultureInfo.InvariantCulture, $"too big inline request: more than {MaxInlineLength} bytes without a newline"));
        }

        int end = newline > 0 && buffer[newline - 1] == (byte)'\r' ? newline - 1 : newline;
        int position = 0;
        while (position < end)
        {
            int next = buffer[position..end].IndexOfAnyExcept((byte)' ', (byte)'\t');
            if (next < 0)
            {
                break;
            }

            position += next;
            int length = buffer[position..end].IndexOfAny((byte)' ', (byte)'\t');
            int wordEnd = length < 0 ? end : position + length;
            arguments.Add(position..wordEnd);
            position = wordEnd;
        }

        consumed = newline + 1;
        return true;
    }

    /// <summary>Reads <c>&lt;prefix&gt;&lt;digits&gt;\r\n</c> at <paramref name="at"/>.</summary>
    private static bool TryReadNumber(ReadOnlySpan<byte> buffer, int at, string what, out long value, out int next)
    {
        value = 0;
        next = 0;
        var rest = buffer[(at + 1)..];
        int cr = rest.IndexOf((byte)'\r');
        if (cr < 0 || cr + 1 >= rest.Length)
        {
            return rest.Length <= 24 ? false : throw new RespProtocolException($"invalid {what}: no CRLF within 24 bytes");
        }

        if (rest[cr + 1] != (byte)'\n' || !Utf8Parser.TryParse(rest[..cr], out value, out int used) || used != cr)
        {
            throw new RespProtocolException($"invalid {what} '{System.Text.Encoding.ASCII.GetString(rest[..Math.Min(cr, 24)])}'");
        }

        next = at + 1 + cr + 2;
        return true;
    }
}
