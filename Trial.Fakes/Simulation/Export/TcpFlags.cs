namespace Trial.Fakes.Simulation;

/// <summary>The TCP header's flag bits that synthesized packets use.</summary>
[Flags]
internal enum TcpFlags : byte
{
    /// <summary>No more data from the sender.</summary>
    Fin = 0x01,

    /// <summary>Synchronize sequence numbers.</summary>
    Syn = 0x02,

    /// <summary>Reset the connection.</summary>
    Rst = 0x04,

    /// <summary>Push the data to the application.</summary>
    Psh = 0x08,

    /// <summary>The acknowledgment field is significant.</summary>
    Ack = 0x10,
}
