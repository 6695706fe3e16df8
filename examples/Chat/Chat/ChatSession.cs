using System.Globalization;
using System.Text;
using Trial.Errors;
using Trial.Framing;
using Trial.Protocols;

namespace Examples.Chat;

/// <summary>
/// One member's connection: the first line is the nickname, then every line is said to the room, except
/// <c>/who</c>, <c>/quit</c> and <c>PONG</c>. Lines end with LF (a CR before it is dropped), as <c>nc</c> and
/// <c>telnet</c> send them.
/// </summary>
/// <remarks>
/// A member silent for <see cref="ChatOptions.PingInterval"/> is sent <c>PING</c>; one silent for
/// <see cref="ChatOptions.IdleTimeout"/> (a dead peer, or a network partition) is removed and its connection
/// aborted. A line longer than <see cref="ChatOptions.MaxLineLength"/> gets an error and closes the connection.
/// </remarks>
public sealed class ChatSession : LineReceiver
{
    private readonly ChatRoom _room;
    private readonly IdleTimeout _ping;
    private readonly IdleTimeout _idle;
    private readonly OutputThrottle _throttle;
    private long _dropped;
    private bool _left;

    internal ChatSession(ChatRoom room)
    {
        _room = room;
        _ping = new IdleTimeout(room.Time, () => SendLine("PING"u8));
        _idle = new IdleTimeout(room.Time, TimedOut);
        _throttle = new OutputThrottle(ReportDropped);
        Delimiter = "\n"u8.ToArray();
        MaxLength = room.Options.MaxLineLength + 1;
    }

    /// <summary>Gets the member's nickname, once chosen.</summary>
    public string? Nickname { get; private set; }

    /// <inheritdoc/>
    public override void ConnectionMade()
    {
        Transport!.RegisterProducer(_throttle, streaming: true);
        _ping.SetTimeout(_room.Options.PingInterval);
        _idle.SetTimeout(_room.Options.IdleTimeout);
        SendLine("* Welcome! Choose a nickname:"u8);
    }

    /// <inheritdoc/>
    public override void ConnectionLost(Exception reason)
    {
        _ping.Cancel();
        _idle.Cancel();
        Leave(reason is ConnectionDoneException ? "" : " (connection lost)");
        base.ConnectionLost(reason);
    }

    /// <summary>Sends a line of the room's to this member, unless the member reads too slowly to keep up.</summary>
    internal void Deliver(ReadOnlySpan<byte> line)
    {
        if (_throttle.Paused)
        {
            _dropped++;
            return;
        }

        SendLine(line);
    }

    /// <inheritdoc/>
    protected override void LineReceived(ReadOnlySpan<byte> line)
    {
        if (line.EndsWith("\r"u8))
        {
            line = line[..^1];
        }

        if (line.Length > _room.Options.MaxLineLength)
        {
            LineLengthExceeded(line);
            return;
        }

        _ping.SetTimeout(_room.Options.PingInterval);
        _idle.ResetTimeout();
        if (line.SequenceEqual("PONG"u8))
        {
            return;
        }

        string text = Encoding.UTF8.GetString(line);
        if (Nickname is null)
        {
            ChooseNickname(text);
        }
        else if (text == "/quit")
        {
            SendLine("* Goodbye"u8);
            Leave("");
            Transport!.LoseConnection();
        }
        else if (text == "/who")
        {
            SendLine($"* Online: {string.Join(", ", _room.Nicknames)}");
        }
        else if (text.StartsWith('/'))
        {
            SendLine($"! Unknown command {text.Split(' ')[0]}; try /who or /quit");
        }
        else
        {
            _room.Broadcast($"<{Nickname}> {text}", except: this);
        }
    }

    /// <inheritdoc/>
    protected override void LineLengthExceeded(ReadOnlySpan<byte> line)
    {
        SendLine(string.Create(CultureInfo.InvariantCulture, $"! Line too long: the limit is {_room.Options.MaxLineLength} bytes"));
        Leave(" (line too long)");
        Transport!.LoseConnection();
    }

    private void ChooseNickname(string nickname)
    {
        if (nickname.Length == 0 || nickname.Length > _room.Options.MaxNicknameLength || !nickname.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            SendLine(string.Create(CultureInfo.InvariantCulture, $"! A nickname is 1 to {_room.Options.MaxNicknameLength} letters, digits, '-' or '_'; choose another:"));
        }
        else if (!_room.TryJoin(nickname, this))
        {
            SendLine($"! {nickname} is taken; choose another:");
        }
        else
        {
            Nickname = nickname;
            SendLine(string.Create(CultureInfo.InvariantCulture, $"* Welcome, {nickname}. Online: {string.Join(", ", _room.Nicknames)}"));
        }
    }

    private void TimedOut()
    {
        Leave(" (timed out)");
        Transport!.AbortConnection();
    }

    private void Leave(string why)
    {
        if (Nickname is not null && !_left)
        {
            _left = true;
            _room.Leave(Nickname, why);
        }
    }

    private void ReportDropped()
    {
        if (_dropped > 0 && Connected)
        {
            SendLine(string.Create(CultureInfo.InvariantCulture, $"! {_dropped} messages were dropped: you read too slowly to keep up"));
            _dropped = 0;
        }
    }
}
