namespace Trial.Fakes.Simulation;

/// <summary>How a simulated host crashes.</summary>
public enum CrashKind
{
    /// <summary>The process dies and the machine stays up: its peers see their connections reset, and connects to it are refused.</summary>
    Process,

    /// <summary>The machine goes down: its peers see silence, and their connections time out when they next send.</summary>
    Machine,
}
