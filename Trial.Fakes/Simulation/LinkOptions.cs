using System.Globalization;

namespace Trial.Fakes.Simulation;

/// <summary>
/// How one direction of a link between two hosts behaves: delay, jitter, bandwidth, how streams are sliced into
/// segments, and what happens to datagrams. <see cref="NetworkOptions.DefaultLink"/> sets every link's; the
/// network's <c>SetLink</c> overrides one direction.
/// </summary>
public sealed record LinkOptions
{
    private readonly TimeSpan _latency = TimeSpan.FromMilliseconds(1);
    private readonly TimeSpan _jitter;
    private readonly long? _bandwidth;
    private readonly int _minSegmentSize = 1460;
    private readonly int _maxSegmentSize = 1460;
    private readonly double _datagramLossRate;
    private readonly double _datagramDuplicateRate;
    private readonly double _datagramReorderRate;
    private readonly TimeSpan _reorderDelay = TimeSpan.FromMilliseconds(5);

    /// <summary>Gets the one-way delay of everything sent on the link.</summary>
    /// <value>The default is 1 ms; not negative.</value>
    public TimeSpan Latency { get => _latency; init => _latency = NotNegative(value, nameof(Latency)); }

    /// <summary>
    /// Gets the standard deviation of a normally distributed delay added to <see cref="Latency"/> for each segment or
    /// datagram (the total never goes below zero). Stream segments still arrive in order: a segment never overtakes
    /// the one before it.
    /// </summary>
    /// <value>The default is zero; not negative.</value>
    public TimeSpan Jitter { get => _jitter; init => _jitter = NotNegative(value, nameof(Jitter)); }

    /// <summary>
    /// Gets the link's bandwidth in bytes per second, or <see langword="null"/> for unlimited. Segments and datagrams
    /// on one direction of a link leave one after another, each taking its size divided by the bandwidth.
    /// </summary>
    /// <value>The default is <see langword="null"/>; positive when set.</value>
    public long? BandwidthBytesPerSecond
    {
        get => _bandwidth;
        init => _bandwidth = value is null or > 0 ? value : throw Bad(nameof(BandwidthBytesPerSecond), value, "must be positive");
    }

    /// <summary>Gets the smallest stream segment (unless fewer bytes wait); sizes are drawn uniformly from the seeded source.</summary>
    /// <value>The default is 1460; at least 1 and at most <see cref="MaxSegmentSize"/>.</value>
    public int MinSegmentSize
    {
        get => _minSegmentSize;
        init => _minSegmentSize = value >= 1 ? value : throw Bad(nameof(MinSegmentSize), value, "must be at least 1");
    }

    /// <summary>Gets the largest stream segment.</summary>
    /// <value>The default is 1460; at least <see cref="MinSegmentSize"/>.</value>
    public int MaxSegmentSize
    {
        get => _maxSegmentSize;
        init => _maxSegmentSize = value >= 1 ? value : throw Bad(nameof(MaxSegmentSize), value, "must be at least 1");
    }

    /// <summary>Gets the chance that a datagram is lost.</summary>
    /// <value>The default is 0; between 0 and 1.</value>
    public double DatagramLossRate { get => _datagramLossRate; init => _datagramLossRate = Rate(value, nameof(DatagramLossRate)); }

    /// <summary>Gets the chance that a datagram arrives twice.</summary>
    /// <value>The default is 0; between 0 and 1.</value>
    public double DatagramDuplicateRate { get => _datagramDuplicateRate; init => _datagramDuplicateRate = Rate(value, nameof(DatagramDuplicateRate)); }

    /// <summary>Gets the chance that a datagram is held back by up to <see cref="ReorderDelay"/>, so later ones overtake it.</summary>
    /// <value>The default is 0; between 0 and 1.</value>
    public double DatagramReorderRate { get => _datagramReorderRate; init => _datagramReorderRate = Rate(value, nameof(DatagramReorderRate)); }

    /// <summary>Gets the largest extra delay of a reordered datagram (drawn uniformly).</summary>
    /// <value>The default is 5 ms; not negative.</value>
    public TimeSpan ReorderDelay { get => _reorderDelay; init => _reorderDelay = NotNegative(value, nameof(ReorderDelay)); }

    /// <summary>Checks the options that depend on each other.</summary>
    /// <exception cref="ArgumentException"><see cref="MinSegmentSize"/> exceeds <see cref="MaxSegmentSize"/>.</exception>
    internal LinkOptions Validated() => _minSegmentSize <= _maxSegmentSize
        ? this
        : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"MinSegmentSize ({_minSegmentSize}) must not exceed MaxSegmentSize ({_maxSegmentSize})."));

    internal static TimeSpan NotNegative(TimeSpan value, string name) =>
        value >= TimeSpan.Zero ? value : throw Bad(name, value, "must not be negative");

    private static double Rate(double value, string name) =>
        value is >= 0 and <= 1 ? value : throw Bad(name, value, "must be between 0 and 1");

    private static ArgumentOutOfRangeException Bad(string name, object? value, string rule) =>
        new(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} {rule}, but was {value}."));
}
