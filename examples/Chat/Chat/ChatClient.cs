using System.Text;
using Trial.Framing;

namespace Examples.Chat;

/// <summary>
/// A chat client, for bots and tests: sends its nickname when connected, answers the server's <c>PING</c>, and
/// keeps a transcript of every other line the server sends.
/// </summary>
public sealed class ChatClient : LineReceiver
{
    private readonly List<string> _received = [];

    /// <summary>Initializes a client that joins as <paramref name="nickname"/>.</summary>
    /// <param name="nickname">The nickname to send first.</param>
    public ChatClient(string nickname)
    {
        Nickname = nickname ?? throw new ArgumentNullException(nameof(nickname));
        Delimiter = "\n"u8.ToArray();
    }

    /// <summary>Gets the nickname the client joins with.</summary>
    public string Nickname { get; }

    /// <summary>Gets every line received but the server's pings, in order.</summary>
    public IReadOnlyList<string> Received => _received;

    /// <summary>Gets or sets a value indicating whether the client answers <c>PING</c> with <c>PONG</c>.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool AnswersPings { get; set; } = true;

    /// <summary>Raised with each line received but the server's pings.</summary>
    public event Action<string>? LineArrived;

    /// <inheritdoc/>
    public override void ConnectionMade() => SendLine(Nickname);

    /// <summary>Says <paramref name="text"/> to the room (or sends a command such as <c>/who</c>).</summary>
    /// <param name="text">One line, without a newline.</param>
    public void Say(string text) => SendLine(text);

    /// <inheritdoc/>
    protected override void LineReceived(ReadOnlySpan<byte> line)
    {
        if (line.SequenceEqual("PING"u8))
        {
            if (AnswersPings)
            {
                SendLine("PONG"u8);
            }

            return;
        }

        string text = Encoding.UTF8.GetString(line);
        _received.Add(text);
        LineArrived?.Invoke(text);
    }
}
