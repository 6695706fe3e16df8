using Trial.Runner.Sdk;
using Xunit;
using Xunit.Sdk;

namespace Trial.Runner;

/// <summary>
/// A test that runs on a reactor: on the simulated network with virtual time (the default), over real sockets, or
/// both. The class must derive from <see cref="TestCase"/>, which gives the test its <see cref="TestCase.Reactor"/>,
/// <see cref="TestCase.Clock"/> and <see cref="TestCase.Seed"/>.
/// </summary>
/// <remarks>
/// The test may be synchronous or return <see cref="Task"/>, <see cref="ValueTask"/> or a <c>Deferred</c>; its awaits
/// come back to the reactor. In simulated mode virtual time jumps to the next event whenever nothing is ready, and a
/// test that waits on something nothing can complete fails at once as stuck. After the test the reactor must be
/// clean (see <see cref="CheckClean"/>).
/// </remarks>
[XunitTestCaseDiscoverer("Trial.Runner.Sdk.ReactorFactDiscoverer", "Trial.Runner")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ReactorFactAttribute : FactAttribute, IReactorTestAttribute
{
    private ulong _seed;
    private int _seeds = 1;
    private double _virtualTimeout = TestSettings.DefaultVirtualTimeout.TotalSeconds;
    private double _wallTimeout = TestSettings.DefaultWallTimeout.TotalSeconds;

    /// <summary>Gets or sets where the test runs.</summary>
    /// <value>The default is <see cref="ReactorMode.Simulated"/>; <c>TRIAL_MODE</c> narrows <see cref="ReactorMode.Both"/>.</value>
    public ReactorMode Mode { get; set; } = ReactorMode.Simulated;

    /// <summary>Gets or sets the seed of a simulated run, which decides every random choice of the network and of <see cref="TestCase.Random"/>.</summary>
    /// <value>When unset, a seed derived from the test's full name, so a run is the same every time; <c>TRIAL_SEED</c> overrides both.</value>
    public ulong Seed
    {
        get => _seed;
        set
        {
            _seed = value;
            HasSeed = true;
        }
    }

    /// <inheritdoc/>
    public bool HasSeed { get; private set; }

    /// <summary>Gets or sets how many seeds a simulated run sweeps: that many test cases, each shown with its seed.</summary>
    /// <value>The default is 1; <c>TRIAL_SEEDS</c> overrides it. The seeds are <see cref="Seed"/> and the ones after it.</value>
    public int Seeds
    {
        get => _seeds;
        set => _seeds = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A sweep needs at least one seed.");
    }

    /// <summary>Gets or sets how many seconds of virtual time (in real mode, of real time) the test may take.</summary>
    /// <value>The default is 3600 (one hour).</value>
    public double VirtualTimeout
    {
        get => _virtualTimeout;
        set => _virtualTimeout = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A timeout must be positive.");
    }

    /// <summary>Gets or sets how many seconds of wall time the test may take, in either mode.</summary>
    /// <value>The default is 120.</value>
    public double WallTimeout
    {
        get => _wallTimeout;
        set => _wallTimeout = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A timeout must be positive.");
    }

    /// <summary>Gets or sets a value indicating whether the test fails when it leaves its reactor unclean.</summary>
    /// <value>The default is <see langword="true"/>. Whatever the setting, the leftovers are cleaned up after the test.</value>
    public bool CheckClean { get; set; } = true;
}
