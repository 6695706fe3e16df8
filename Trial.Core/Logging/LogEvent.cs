using Microsoft.Extensions.Logging;
using Trial.Deferreds;

namespace Trial.Logging;

/// <summary>One structured log event: what happened, how bad it was, where, and when.</summary>
/// <param name="Level">
/// How severe the event is. Trial reuses <see cref="Microsoft.Extensions.Logging.LogLevel"/> rather than
/// defining its own, so that events cross the <see cref="TrialLoggerProvider"/> bridge unchanged.
/// </param>
/// <param name="Source">Who logged it: a <see cref="Logger"/>'s source or an <c>ILogger</c>'s category.</param>
/// <param name="MessageTemplate">
/// The message with named holes, such as <c>"Connected to {Host}:{Port}"</c>; <c>{{</c> and <c>}}</c> are
/// literal braces.
/// </param>
/// <param name="Properties">The named values, in the order their holes appear in the template.</param>
/// <param name="Failure">The failure the event is about, if any.</param>
/// <param name="Timestamp">
/// When it happened, read from the <see cref="TimeProvider"/> or reactor time the logger was given; <see langword="null"/>
/// when the logger was given no time source (a logger never reads wall time on its own).
/// </param>
public sealed record LogEvent(
    LogLevel Level,
    string Source,
    string MessageTemplate,
    IReadOnlyList<KeyValuePair<string, object?>> Properties,
    Failure? Failure = null,
    DateTimeOffset? Timestamp = null)
{
    /// <summary>Gets the exception the event is about, if any.</summary>
    public Exception? Exception => Failure?.Exception;

    /// <summary>Gets a value indicating whether the event is an error (<see cref="LogLevel.Error"/> or worse).</summary>
    public bool IsError => Level is LogLevel.Error or LogLevel.Critical;

    /// <summary>Renders the template with the property values filled in.</summary>
    /// <returns>The message a person reads.</returns>
    public string FormatMessage() => TemplateFormatter.Format(MessageTemplate, Properties);

    /// <summary>Returns the level, source, message and failure on one line (plus the failure's stack).</summary>
    /// <returns>A description of the event, for test output.</returns>
    public override string ToString()
    {
        string text = $"{Level} [{Source}] {FormatMessage()}";
        return Failure is null ? text : $"{text}{Environment.NewLine}{Failure}";
    }
}
