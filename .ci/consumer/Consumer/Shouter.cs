using System.Text;
using Trial.Framing;

namespace Consumer;

/// <summary>The user's own protocol: answers every line in capitals, and hangs up on "bye".</summary>
public sealed class Shouter : LineReceiver
{
    /// <inheritdoc/>
    protected override void LineReceived(ReadOnlySpan<byte> line)
    {
        string text = Encoding.UTF8.GetString(line);
        if (text == "bye")
        {
            Transport!.LoseConnection();
            return;
        }

        SendLine(Encoding.UTF8.GetBytes(text.ToUpperInvariant()));
    }
}
