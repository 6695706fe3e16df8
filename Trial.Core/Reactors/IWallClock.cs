namespace Trial.Reactors;

/// <summary>Elapsed real time, for the one wait a virtual loop bounds in real time: waiting for escaped work.</summary>
internal interface IWallClock
{
    /// <summary>Gets a monotonic reading in ticks (100 ns); only differences mean anything.</summary>
    long ElapsedTicks { get; }
}
