namespace Trial.Protocols;

/// <summary>
/// A protocol that wants half-close events. Without it, a peer's half-close ends the whole connection;
/// with it, the connection stays open for writing after the peer stops writing.
/// </summary>
public interface IHalfCloseableProtocol
{
    /// <summary>Called when the peer has closed its write side: no more data will arrive.</summary>
    void ReadConnectionLost();

    /// <summary>Called when this side's write side has closed (after <c>LoseWriteConnection</c> flushed).</summary>
    void WriteConnectionLost();
}
