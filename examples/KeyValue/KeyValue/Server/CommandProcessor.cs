using System.Buffers;
using System.Buffers.Text;
using System.Text;
using Examples.KeyValue.Resp;

namespace Examples.KeyValue.Server;

/// <summary>
/// Runs one command against the store and writes its RESP2 reply: <c>PING</c>, <c>GET</c>, <c>SET</c> (with
/// <c>EX</c>/<c>PX</c>), <c>DEL</c>, <c>INCR</c>, <c>EXPIRE</c>, <c>TTL</c> and <c>QUIT</c>, with Redis's replies and
/// error messages, so <c>redis-cli</c> and Redis client libraries work with it.
/// </summary>
public sealed class CommandProcessor(KeyValueStore store)
{
    private readonly KeyValueStore _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>Runs the command in <paramref name="request"/> and writes the reply to <paramref name="output"/>.</summary>
    /// <param name="request">The bytes the arguments point into.</param>
    /// <param name="arguments">The command name and its arguments, as ranges of <paramref name="request"/>; not empty.</param>
    /// <param name="output">Where the reply goes.</param>
    /// <returns><see langword="true"/> when the client asked to close the connection (<c>QUIT</c>).</returns>
    public bool Execute(ReadOnlySpan<byte> request, IReadOnlyList<Range> arguments, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var name = request[arguments[0]];
        int count = arguments.Count;
        var command = Lookup(name);
        if (command == Command.Unknown)
        {
            RespWriter.WriteError(output, $"ERR unknown command '{Printable(name)}', with args beginning with: {(count > 1 ? $"'{Printable(request[arguments[1]])}' " : "")}");
            return false;
        }

        if (!HasArity(command, count))
        {
            RespWriter.WriteError(output, $"ERR wrong number of arguments for '{Printable(name).ToLowerInvariant()}' command");
            return false;
        }

        switch (command)
        {
            case Command.Get when _store.Get(request[arguments[1]]) is { } value:
                RespWriter.WriteBulkString(output, value);
                break;
            case Command.Get:
                RespWriter.WriteNull(output);
                break;
            case Command.Set when count is 3 or 5:
                Set(request[arguments[1]], request[arguments[2]], count == 5 ? request[arguments[3]] : default, count == 5 ? request[arguments[4]] : default, output);
                break;
            case Command.Set:
                RespWriter.WriteError(output, "ERR syntax error");
                break;
            case Command.Del:
                int deleted = 0;
                for (int i = 1; i < count; i++)
                {
                    deleted += _store.Delete(request[arguments[i]]) ? 1 : 0;
                }

                RespWriter.WriteInteger(output, deleted);
                break;
            case Command.Incr:
                Increment(request[arguments[1]], output);
                break;
            case Command.Expire when TryParseInteger(request[arguments[2]], output) is long seconds:
                RespWriter.WriteInteger(output, _store.Expire(request[arguments[1]], Seconds(seconds)) ? 1 : 0);
                break;
            case Command.Ttl:
                var left = _store.TimeToLive(request[arguments[1]], out bool exists);

                // Redis rounds the milliseconds left to the nearest second.
                RespWriter.WriteInteger(output, !exists ? -2 : left is TimeSpan t ? ((long)t.TotalMilliseconds + 500) / 1000 : -1);
                break;
            case Command.Ping when count == 2:
                RespWriter.WriteBulkString(output, request[arguments[1]]);
                break;
            case Command.Ping:
                RespWriter.WriteSimpleString(output, "PONG"u8);
                break;
            case Command.Quit:
                RespWriter.WriteSimpleString(output, "OK"u8);
                return true;
        }

        return false;
    }

    private static Command Lookup(ReadOnlySpan<byte> name) =>
        Ascii.EqualsIgnoreCase(name, "GET"u8) ? Command.Get
        : Ascii.EqualsIgnoreCase(name, "SET"u8) ? Command.Set
        : Ascii.EqualsIgnoreCase(name, "DEL"u8) ? Command.Del
        : Ascii.EqualsIgnoreCase(name, "INCR"u8) ? Command.Incr
        : Ascii.EqualsIgnoreCase(name, "EXPIRE"u8) ? Command.Expire
        : Ascii.EqualsIgnoreCase(name, "TTL"u8) ? Command.Ttl
        : Ascii.EqualsIgnoreCase(name, "PING"u8) ? Command.Ping
        : Ascii.EqualsIgnoreCase(name, "QUIT"u8) ? Command.Quit
        : Command.Unknown;

    /// <summary>Redis's arity rules: an exact count, or a minimum for commands with options or many keys.</summary>
    private static bool HasArity(Command command, int count) => command switch
    {
        Command.Get or Command.Incr or Command.Ttl => count == 2,
        Command.Expire => count == 3,
        Command.Set => count >= 3,
        Command.Del => count >= 2,
        Command.Ping => count <= 2,
        _ => true,
    };

    private static TimeSpan Seconds(long seconds) =>
        seconds > (long)TimeSpan.MaxValue.TotalSeconds / 2 ? TimeSpan.MaxValue / 2 : TimeSpan.FromSeconds(seconds);

    private static long? TryParseInteger(ReadOnlySpan<byte> text, IBufferWriter<byte> output)
    {
        if (Utf8Parser.TryParse(text, out long value, out int used) && used == text.Length)
        {
            return value;
        }

        RespWriter.WriteError(output, "ERR value is not an integer or out of range");
        return null;
    }

    private static string Printable(ReadOnlySpan<byte> bytes) =>
        Encoding.ASCII.GetString(bytes[..Math.Min(bytes.Length, 64)]).Replace('\r', ' ').Replace('\n', ' ');

    private void Set(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, ReadOnlySpan<byte> unit, ReadOnlySpan<byte> amount, IBufferWriter<byte> output)
    {
        TimeSpan? ttl = null;
        if (!unit.IsEmpty)
        {
            bool seconds = Ascii.EqualsIgnoreCase(unit, "EX"u8);
            if (!seconds && !Ascii.EqualsIgnoreCase(unit, "PX"u8))
            {
                RespWriter.WriteError(output, "ERR syntax error");
                return;
            }

            if (TryParseInteger(amount, output) is not long n)
            {
                return;
            }

            if (n <= 0 || n > (seconds ? 1_000_000_000_000L : 1_000_000_000_000_000L))
            {
                RespWriter.WriteError(output, "ERR invalid expire time in 'set' command");
                return;
            }

            ttl = seconds ? TimeSpan.FromSeconds(n) : TimeSpan.FromMilliseconds(n);
        }

        _store.Set(key, value, ttl);
        RespWriter.WriteSimpleString(output, "OK"u8);
    }

    private void Increment(ReadOnlySpan<byte> key, IBufferWriter<byte> output)
    {
        try
        {
            RespWriter.WriteInteger(output, _store.Increment(key));
        }
        catch (FormatException)
        {
            RespWriter.WriteError(output, "ERR value is not an integer or out of range");
        }
        catch (OverflowException)
        {
            RespWriter.WriteError(output, "ERR increment or decrement would overflow");
        }
    }

    private enum Command
    {
        Unknown,
        Get,
        Set,
        Del,
        Incr,
        Expire,
        Ttl,
        Ping,
        Quit,
    }
}
