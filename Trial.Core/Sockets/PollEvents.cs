namespace Trial.Sockets;

/// <summary>What a poller saw on a socket.</summary>
[Flags]
internal enum PollEvents
{
    None = 0,
    Readable = 1,
    Writable = 2,

    /// <summary>The peer hung up or the socket has an error: reading or writing will say which.</summary>
    Hangup = 4,
}
