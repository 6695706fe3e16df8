using System.Globalization;
using System.Text;

namespace Trial.Fakes.Simulation;

/// <summary>
/// How many faults of each kind actually fired in a run (or, added up, in a sweep), so that a green sweep proves
/// faults happened rather than silently never firing.
/// </summary>
public sealed class FaultCoverage
{
    private static readonly FaultKind[] Kinds = Enum.GetValues<FaultKind>();
    private readonly long[] _counts = new long[Kinds.Length];

    /// <summary>Gets the number of faults of every kind together.</summary>
    public long Total => _counts.Sum();

    /// <summary>Gets how many faults of <paramref name="kind"/> fired.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The count.</returns>
    public long this[FaultKind kind] => _counts[(int)kind];

    /// <summary>Adds another run's counts to these (for the totals of a sweep).</summary>
    /// <param name="other">The other run's coverage.</param>
    public void Add(FaultCoverage other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (int i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }
    }

    /// <summary>Formats the counts on one line, such as <c>faults 7: Partition 2, ProcessCrash 1, ...</c>; kinds that never fired are left out.</summary>
    /// <returns>The line.</returns>
    public override string ToString()
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"faults {Total}");
        string separator = ": ";
        foreach (var kind in Kinds)
        {
            if (_counts[(int)kind] != 0)
            {
                text.Append(separator).Append(CultureInfo.InvariantCulture, $"{kind} {_counts[(int)kind]}");
                separator = ", ";
            }
        }

        return text.ToString();
    }

    internal void Add(FaultKind kind) => _counts[(int)kind]++;
}
