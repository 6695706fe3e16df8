using System.Globalization;
using Trial.Randomness;

namespace Trial.Fakes.Proxy;

/// <summary>
/// A fault the <see cref="FaultProxy"/> applies to the bytes of one direction of its connections, as a toxiproxy
/// toxic does. Set its properties when creating it: a toxic does not change once made, so a connection that
/// draws it later sees what the earlier ones saw. To change a fault while connections are open, remove the toxic
/// and add a new one.
/// </summary>
public abstract class Toxic
{
    private readonly double _toxicity = 1;

    /// <summary>Initializes a toxic; only the proxy's own kinds derive from it.</summary>
    private protected Toxic()
    {
    }

    /// <summary>Gets the toxic's name, unique within a proxy.</summary>
    /// <value>The default, <see langword="null"/>, names it after its kind and direction, as toxiproxy does ("latency_downstream").</value>
    public string? Name { get; init; }

    /// <summary>Gets the direction the toxic acts on.</summary>
    /// <value>The default is <see cref="ToxicDirection.Downstream"/>, as in toxiproxy.</value>
    public ToxicDirection Direction { get; init; } = ToxicDirection.Downstream;

    /// <summary>
    /// Gets the chance, from 0 to 1, that a connection gets this toxic, drawn once for each direction of each
    /// connection from the proxy's seeded random source (toxiproxy draws again whenever the chain changes).
    /// </summary>
    /// <value>The default is 1: every connection.</value>
    public double Toxicity
    {
        get => _toxicity;
        init => _toxicity = value is >= 0 and <= 1 ? value : throw Invalid(nameof(Toxicity), value, "must be between 0 and 1");
    }

    /// <summary>Gets the name the proxy uses for the toxic.</summary>
    internal string EffectiveName => Name ?? $"{Kind}_{Direction.ToString().ToLowerInvariant()}";

    /// <summary>Gets toxiproxy's name for the kind of toxic.</summary>
    internal abstract string Kind { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{EffectiveName} ({Kind}, toxicity {Toxicity.ToString(CultureInfo.InvariantCulture)})";

    /// <summary>Checks settings that depend on each other; the proxy calls it before the toxic takes effect.</summary>
    internal virtual void Validate()
    {
    }

    /// <summary>Makes the toxic's state for one direction of one connection.</summary>
    internal abstract ToxicStage CreateStage(ToxicLink link, IRandomSource random);

    /// <summary>Makes the exception for a setting out of range, with the value in its message.</summary>
    private protected static ArgumentOutOfRangeException Invalid(string name, object value, string rule) =>
        new(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} {rule}, but was {value}."));

    private protected static TimeSpan NotNegative(TimeSpan value, string name) =>
        value >= TimeSpan.Zero ? value : throw Invalid(name, value, "must not be negative");
}
