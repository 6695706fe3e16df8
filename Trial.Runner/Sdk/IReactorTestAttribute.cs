namespace Trial.Runner.Sdk;

/// <summary>The settings <see cref="ReactorFactAttribute"/> and <see cref="ReactorTheoryAttribute"/> share, read by the discoverers and the runner.</summary>
public interface IReactorTestAttribute
{
    /// <summary>Gets where the test runs.</summary>
    ReactorMode Mode { get; }

    /// <summary>Gets the fixed seed, meaningful when <see cref="HasSeed"/> is set.</summary>
    ulong Seed { get; }

    /// <summary>Gets a value indicating whether <see cref="Seed"/> was set.</summary>
    bool HasSeed { get; }

    /// <summary>Gets how many seeds a simulated run sweeps.</summary>
    int Seeds { get; }

    /// <summary>Gets how many seconds of virtual time the test may take.</summary>
    double VirtualTimeout { get; }

    /// <summary>Gets how many seconds of wall time the test may take.</summary>
    double WallTimeout { get; }

    /// <summary>Gets a value indicating whether the reactor must be clean after the test.</summary>
    bool CheckClean { get; }
}
