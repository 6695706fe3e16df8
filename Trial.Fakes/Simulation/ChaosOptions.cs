using System.Globalization;

namespace Trial.Fakes.Simulation;

/// <summary>
/// The rates of a seeded chaos schedule: how often, on average, each kind of fault strikes (a Poisson process per
/// kind), how long faults last, and over what window of virtual time. Every rate defaults to zero.
/// </summary>
public sealed record ChaosOptions
{
    private readonly TimeSpan _duration = TimeSpan.FromMinutes(1);
    private readonly TimeSpan _minFaultDuration = TimeSpan.FromSeconds(1);
    private readonly TimeSpan _maxFaultDuration = TimeSpan.FromSeconds(10);
    private readonly TimeSpan _spikeLatency = TimeSpan.FromMilliseconds(200);

    /// <summary>Gets how long after <c>StartChaos</c> faults may begin.</summary>
    /// <value>The default is one minute; positive.</value>
    public TimeSpan Duration { get => _duration; init => _duration = Positive(value, nameof(Duration)); }

    /// <summary>Gets the shortest fault: a partition until it heals, a clog, a spike, a crash until the restart.</summary>
    /// <value>The default is 1 second; not negative.</value>
    public TimeSpan MinFaultDuration { get => _minFaultDuration; init => _minFaultDuration = LinkOptions.NotNegative(value, nameof(MinFaultDuration)); }

    /// <summary>Gets the longest fault; durations are drawn uniformly between the two.</summary>
    /// <value>The default is 10 seconds; at least <see cref="MinFaultDuration"/>.</value>
    public TimeSpan MaxFaultDuration { get => _maxFaultDuration; init => _maxFaultDuration = LinkOptions.NotNegative(value, nameof(MaxFaultDuration)); }

    /// <summary>Gets the extra delay of a latency spike.</summary>
    /// <value>The default is 200 ms.</value>
    public TimeSpan SpikeLatency { get => _spikeLatency; init => _spikeLatency = LinkOptions.NotNegative(value, nameof(SpikeLatency)); }

    /// <summary>Gets the names of the hosts faults may strike; every host when <see langword="null"/>.</summary>
    public IReadOnlyList<string>? Hosts { get; init; }

    /// <summary>Gets the mean number of partitions (random two-group splits, healed after a fault duration) per virtual minute.</summary>
    public double PartitionsPerMinute { get; init; }

    /// <summary>Gets the mean number of host clogs per virtual minute.</summary>
    public double ClogsPerMinute { get; init; }

    /// <summary>Gets the mean number of latency spikes (on a random link) per virtual minute.</summary>
    public double LatencySpikesPerMinute { get; init; }

    /// <summary>Gets the mean number of connection resets (of a random open connection) per virtual minute.</summary>
    public double ResetsPerMinute { get; init; }

    /// <summary>Gets the mean number of process crashes (restarted after a fault duration) per virtual minute.</summary>
    public double ProcessCrashesPerMinute { get; init; }

    /// <summary>Gets the mean number of machine crashes (restarted after a fault duration) per virtual minute.</summary>
    public double MachineCrashesPerMinute { get; init; }

    /// <summary>Checks the rates and durations.</summary>
    internal ChaosOptions Validated()
    {
        foreach (double rate in new[] { PartitionsPerMinute, ClogsPerMinute, LatencySpikesPerMinute, ResetsPerMinute, ProcessCrashesPerMinute, MachineCrashesPerMinute })
        {
            if (!double.IsFinite(rate) || rate < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(ChaosOptions), rate, string.Create(CultureInfo.InvariantCulture, $"Chaos rates must be finite and not negative, but one was {rate}."));
            }
        }

        return _minFaultDuration <= _maxFaultDuration
            ? this
            : throw new ArgumentException($"MinFaultDuration ({_minFaultDuration}) must not exceed MaxFaultDuration ({_maxFaultDuration}).");
    }

    private static TimeSpan Positive(TimeSpan value, string name) => value > TimeSpan.Zero
        ? value
        : throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} must be positive, but was {value}."));
}
