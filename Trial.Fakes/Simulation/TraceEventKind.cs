namespace Trial.Fakes.Simulation;

/// <summary>What a <see cref="TraceEvent"/> records.</summary>
/// <remarks>
/// The stream kinds follow TCP: <see cref="ConnectStarted"/> is the SYN, <see cref="Accepted"/> the SYN-ACK,
/// <see cref="BytesSent"/> a data segment put on the wire, <see cref="CloseSent"/> a FIN and <see cref="ResetSent"/>
/// an RST, so an exporter can synthesize packets from them.
/// </remarks>
public enum TraceEventKind : byte
{
    /// <summary>A host's delayed call ran.</summary>
    TimerFired,

    /// <summary>A host started listening on a port (TCP or UDP).</summary>
    Listen,

    /// <summary>A host stopped listening on a port.</summary>
    StopListening,

    /// <summary>A client sent a connection request (a SYN; again for each retransmission).</summary>
    ConnectStarted,

    /// <summary>A server accepted a connection: its protocol was built and it answered (a SYN-ACK).</summary>
    Accepted,

    /// <summary>A client's connection was established.</summary>
    Connected,

    /// <summary>A connection attempt was refused: nothing listened on the port.</summary>
    ConnectRefused,

    /// <summary>A connection attempt timed out or was stopped.</summary>
    ConnectFailed,

    /// <summary>A data segment left its sender (<see cref="TraceEvent.StreamOffset"/> and <see cref="TraceEvent.ByteCount"/> say which bytes).</summary>
    BytesSent,

    /// <summary>A data segment was handed to the receiving protocol.</summary>
    BytesDelivered,

    /// <summary>An end closed its write side (a FIN) after everything it wrote.</summary>
    CloseSent,

    /// <summary>An end reset the connection (an RST).</summary>
    ResetSent,

    /// <summary>A protocol was told its connection is lost; <see cref="TraceEvent.Detail"/> names the reason.</summary>
    ConnectionLost,

    /// <summary>A datagram left its sender.</summary>
    DatagramSent,

    /// <summary>A datagram was handed to the receiving protocol.</summary>
    DatagramDelivered,

    /// <summary>A datagram was lost (by chance, a partition or a crashed host).</summary>
    DatagramLost,

    /// <summary>A datagram was duplicated on its link.</summary>
    DatagramDuplicated,

    /// <summary>A fault began (partition, clog, latency spike, reset); <see cref="TraceEvent.Detail"/> says which.</summary>
    Fault,

    /// <summary>A fault ended (heal, unclog, the end of a spike).</summary>
    FaultEnded,

    /// <summary>A host crashed; <see cref="TraceEvent.Detail"/> says how.</summary>
    Crash,

    /// <summary>A host restarted and ran its start-up again.</summary>
    Restart,
}
