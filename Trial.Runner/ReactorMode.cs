namespace Trial.Runner;

/// <summary>Where a reactor test runs: on the simulated network's virtual time, over real sockets, or both.</summary>
[Flags]
public enum ReactorMode
{
    /// <summary>On virtual time: the test's <see cref="TestCase.Reactor"/> is a simulated host, time jumps whenever nothing is ready, and a seed decides every random choice.</summary>
    Simulated = 1,

    /// <summary>On a real <c>SocketReactor</c> running on its own thread, over loopback sockets, in real time.</summary>
    Real = 2,

    /// <summary>Once in each mode: the test makes one test case per mode.</summary>
    Both = Simulated | Real,
}
