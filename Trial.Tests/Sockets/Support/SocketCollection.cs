namespace Trial.Tests.Sockets.Support;

/// <summary>
/// Real-socket tests run one at a time and apart from the rest of the suite: they count the process's open
/// descriptors, and a two-core machine measures throughput better without neighbours.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SocketCollection
{
    public const string Name = "Real sockets";

    /// <summary>
    /// The wall timeout, in seconds, of a real-mode reactor test here: only a hang reaches it, and the runner then
    /// fails the test and closes what it left open. Small exchanges over loopback take milliseconds even under load.
    /// </summary>
    public const double WallTimeout = 30;
}
