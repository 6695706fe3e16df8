using System.Globalization;

namespace Trial.Fakes.Simulation;

/// <summary>What part of a trace <see cref="NetworkTraceExports.WriteSequenceDiagram"/> draws, and how.</summary>
/// <remarks>
/// A diagram draws one row per event, so a long trace is cut to a window: the events from <see cref="From"/> to
/// <see cref="To"/>, at most <see cref="MaxRows"/> of them (timers left out unless <see cref="ShowTimers"/>). The
/// diagram's footer says how many events it left out and the time to start the next window from.
/// </remarks>
public sealed class SequenceDiagramOptions
{
    private readonly int _maxRows = 500;

    /// <summary>Gets the virtual time of the first event drawn.</summary>
    /// <value>The default, <see langword="null"/>, starts at the beginning of the trace.</value>
    public TimeSpan? From { get; init; }

    /// <summary>Gets the virtual time after which no event is drawn (an event at exactly this time is drawn).</summary>
    /// <value>The default, <see langword="null"/>, runs to the end of the trace.</value>
    public TimeSpan? To { get; init; }

    /// <summary>Gets the most rows (events) drawn; the rest of the window is counted in the footer.</summary>
    /// <value>The default is 500.</value>
    public int MaxRows
    {
        get => _maxRows;
        init => _maxRows = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxRows), value, string.Create(CultureInfo.InvariantCulture, $"MaxRows must be positive, but was {value}."));
    }

    /// <summary>Gets a value indicating whether timer events get rows of their own.</summary>
    /// <value>The default is <see langword="false"/>: timers are counted in the footer, not drawn.</value>
    public bool ShowTimers { get; init; }

    /// <summary>Gets the title drawn above the diagram.</summary>
    /// <value>The default is "Network trace".</value>
    public string Title { get; init; } = "Network trace";
}
