using System.Globalization;
using Trial.Randomness;

namespace Trial.Fakes.FaultProxy;

/// <summary>A fault the <see cref="FaultProxy"/> applies to the bytes of one direction of its connections.</summary>
public abstract class ToxicOptions
{
    private double _toxicity = 1;

    /// <summary>Gets or sets the toxic's name, unique within a proxy.</summary>
    /// <value>The default, <see langword="null"/>, names it after its kind and direction, as toxiproxy does ("latency_downstream").</value>
    public string? Name { get; set; }

    /// <summary>Gets or sets the direction the toxic acts on.</summary>
    /// <value>The default is <see cref="ToxicDirection.Downstream"/>, as in toxiproxy.</value>
    public ToxicDirection Direction { get; set; } = ToxicDirection.Downstream;

    /// <summary>Gets or sets the chance, from 0 to 1, that a connection gets this toxic (drawn from the proxy's seeded random source).</summary>
    /// <value>The default is 1: every connection.</value>
    public double Toxicity
    {
        get => _toxicity;
        set => _toxicity = value is >= 0 and <= 1 ? value : throw Invalid(nameof(Toxicity), value, "must be between 0 and 1");
    }

    /// <summary>Gets the name the proxy uses for the toxic.</summary>
    internal string EffectiveName => Name ?? $"{Kind}_{Direction.ToString().ToLowerInvariant()}";

    /// <summary>Gets toxiproxy's name for the kind of toxic.</summary>
    internal abstract string Kind { get; }

    /// <summary>Checks settings that depend on each other; the proxy calls it before the toxic takes effect.</summary>
    internal virtual void Validate()
    {
    }

    /// <summary>Makes the toxic's state for one direction of one connection.</summary>
    internal abstract ToxicStage CreateStage(ToxicLink link, IRandomSource random);

    /// <summary>Makes the exception for an option set out of range, with the value in its message.</summary>
    private protected static ArgumentOutOfRangeException Invalid(string name, object value, string rule) =>
        new(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} {rule}, but was {value}."));

    private protected static TimeSpan NotNegative(TimeSpan value, string name) =>
        value >= TimeSpan.Zero ? value : throw Invalid(name, value, "must not be negative");
}
