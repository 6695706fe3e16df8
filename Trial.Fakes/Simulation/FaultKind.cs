namespace Trial.Fakes.Simulation;

/// <summary>The kinds of fault a <see cref="SimulatedNetwork"/> injects and counts in its <see cref="FaultCoverage"/>.</summary>
public enum FaultKind
{
    /// <summary>A partition (two groups, one way, or an isolated host) began.</summary>
    Partition,

    /// <summary>A host or link was clogged for a while.</summary>
    Clog,

    /// <summary>A link's latency spiked for a while.</summary>
    LatencySpike,

    /// <summary>A connection was reset by the network.</summary>
    ResetConnection,

    /// <summary>A host's process crashed.</summary>
    ProcessCrash,

    /// <summary>A host's machine crashed.</summary>
    MachineCrash,

    /// <summary>A crashed host restarted.</summary>
    Restart,

    /// <summary>A datagram was lost by chance.</summary>
    DatagramLoss,

    /// <summary>A datagram was duplicated.</summary>
    DatagramDuplicate,

    /// <summary>A datagram was held back so later ones overtook it.</summary>
    DatagramReorder,
}
