using Microsoft.Extensions.Logging;
using Trial.Deferreds;

namespace Trial.Logging;

/// <summary>The <see cref="ILogger"/> that a <see cref="TrialLoggerProvider"/> hands out for one category.</summary>
internal sealed class TrialLogger : ILogger
{
    private const string OriginalFormat = "{OriginalFormat}";

    private readonly string _category;
    private readonly TrialLoggerProvider _provider;

    internal TrialLogger(string category, TrialLoggerProvider provider)
    {
        _category = category;
        _provider = provider;
    }

    /// <inheritdoc/>
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc/>
    public bool IsEnabled(LogLevel logLevel) => _provider.IsEnabled(logLevel);

    /// <inheritdoc/>
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var properties = new List<KeyValuePair<string, object?>>();
        string? template = null;
        if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            foreach (var pair in pairs)
            {
                if (pair.Key == OriginalFormat)
                {
                    template = pair.Value as string;
                }
                else
                {
                    properties.Add(pair);
                }
            }
        }

        if (template is null)
        {
            // Without a template the rendered text is the message; escaped, so that its braces stay literal.
            template = TemplateFormatter.Escape(formatter(state, exception));
            properties.Clear();
        }

        if (eventId.Id != 0 || eventId.Name is not null)
        {
            properties.Add(new("EventId", eventId));
        }

        var failure = exception is null ? null : new Failure(exception);
        _provider.Publish(new LogEvent(logLevel, _category, template, properties, failure));
    }
}
