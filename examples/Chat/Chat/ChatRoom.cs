using System.Text;
using Trial.Addresses;
using Trial.Protocols;
using Trial.Time;

namespace Examples.Chat;

/// <summary>
/// The chat server: builds a <see cref="ChatSession"/> for each connection and relays what each member says to
/// every other member. Give it to a reactor's <c>ListenTcp</c>.
/// </summary>
/// <remarks>
/// A broadcast is encoded once and written to each member: O(members) writes, no copy per member. A member whose
/// connection cannot keep up is skipped (and told how much it missed) rather than slowing anyone else down.
/// </remarks>
public sealed class ChatRoom : Factory
{
    private readonly SortedDictionary<string, ChatSession> _members = new(StringComparer.Ordinal);

    /// <summary>Initializes an empty room.</summary>
    /// <param name="time">The time pings and idle timeouts run on: the reactor the room listens on.</param>
    /// <param name="options">Limits and timeouts.</param>
    public ChatRoom(IReactorTime time, ChatOptions options)
    {
        Time = time ?? throw new ArgumentNullException(nameof(time));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        options.Validate();
    }

    /// <summary>Gets the limits and timeouts.</summary>
    public ChatOptions Options { get; }

    /// <summary>Gets the nicknames of the members, in order.</summary>
    public IReadOnlyCollection<string> Nicknames => _members.Keys;

    /// <summary>Gets the time pings and idle timeouts run on.</summary>
    internal IReactorTime Time { get; }

    /// <inheritdoc/>
    public override IProtocol? BuildProtocol(IAddress address) => new ChatSession(this) { Factory = this };

    /// <summary>Adds <paramref name="session"/> under <paramref name="nickname"/> and tells everyone.</summary>
    /// <returns>Whether the nickname was free.</returns>
    internal bool TryJoin(string nickname, ChatSession session)
    {
        if (!_members.TryAdd(nickname, session))
        {
            return false;
        }

        Broadcast($"* {nickname} has joined", except: session);
        return true;
    }

    /// <summary>Removes <paramref name="nickname"/> and tells everyone why.</summary>
    internal void Leave(string nickname, string why)
    {
        if (_members.Remove(nickname))
        {
            Broadcast($"* {nickname} has left{why}", except: null);
        }
    }

    /// <summary>Sends <paramref name="line"/> to every member but <paramref name="except"/>.</summary>
    internal void Broadcast(string line, ChatSession? except)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        foreach (var member in _members.Values)
        {
            if (member != except)
            {
                member.Deliver(bytes);
            }
        }
    }
}
