namespace Trial.Fakes.Simulation;

/// <summary>Where two traces first differ, with both versions of the event.</summary>
/// <param name="Index">The index of the first event that differs.</param>
/// <param name="First">The first trace's event there, or <see langword="null"/> when that trace ended.</param>
/// <param name="Second">The second trace's event there, or <see langword="null"/> when that trace ended.</param>
public sealed record TraceDifference(long Index, TraceEvent? First, TraceEvent? Second)
{
    /// <summary>Describes the difference on three lines.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        $"The traces differ at event {Index}:{Environment.NewLine}  first:  {Describe(First)}{Environment.NewLine}  second: {Describe(Second)}";

    private static string Describe(TraceEvent? e) => e is { } value ? TraceFormatter.Format(value) : "(the trace ended)";
}
