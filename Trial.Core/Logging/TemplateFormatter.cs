using System.Globalization;
using System.Text;

namespace Trial.Logging;

/// <summary>
/// Parses and renders message templates with named holes (<c>{Name}</c> or <c>{Name:format}</c>; <c>{{</c> and
/// <c>}}</c> are literal braces), the syntax Microsoft.Extensions.Logging uses.
/// </summary>
internal static class TemplateFormatter
{
    /// <summary>Pairs the holes of <paramref name="template"/> with <paramref name="args"/>, in order.</summary>
    /// <remarks>Logging never throws over a mismatch: extra values are named by their position.</remarks>
    internal static IReadOnlyList<KeyValuePair<string, object?>> Bind(string template, object?[] args)
    {
        var names = new List<string>();
        Scan(template, (name, _) => names.Add(name), _ => { });
        var properties = new KeyValuePair<string, object?>[args.Length];
        for (int i = 0; i < args.Length; i++)
        {
            string name = i < names.Count ? names[i] : i.ToString(CultureInfo.InvariantCulture);
            properties[i] = new KeyValuePair<string, object?>(name, args[i]);
        }

        return properties;
    }

    /// <summary>Fills the holes of <paramref name="template"/> from <paramref name="properties"/>; unknown holes stay as written.</summary>
    internal static string Format(string template, IReadOnlyList<KeyValuePair<string, object?>> properties)
    {
        var text = new StringBuilder(template.Length);
        Scan(
            template,
            (name, format) =>
            {
                if (TryFind(properties, name, out object? value))
                {
                    text.Append(Render(value, format));
                }
                else
                {
                    text.Append('{').Append(name);
                    if (format is not null)
                    {
                        text.Append(':').Append(format);
                    }

                    text.Append('}');
                }
            },
            literal => text.Append(literal));
        return text.ToString();
    }

    /// <summary>Escapes braces so that <paramref name="text"/> reads as a template with no holes.</summary>
    internal static string Escape(string text) => text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);

    private static void Scan(string template, Action<string, string?> hole, Action<char> literal)
    {
        int i = 0;
        while (i < template.Length)
        {
            char c = template[i];
            if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
            {
                literal(c);
                i += 2;
                continue;
            }

            int close = c == '{' ? template.IndexOf('}', i + 1) : -1;
            if (close < 0)
            {
                literal(c);
                i++;
                continue;
            }

            string body = template[(i + 1)..close];
            int colon = body.IndexOf(':', StringComparison.Ordinal);
            hole(colon < 0 ? body : body[..colon], colon < 0 ? null : body[(colon + 1)..]);
            i = close + 1;
        }
    }

    private static bool TryFind(IReadOnlyList<KeyValuePair<string, object?>> properties, string name, out object? value)
    {
        foreach (var pair in properties)
        {
            if (pair.Key == name)
            {
                value = pair.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    private static string Render(object? value, string? format) => value switch
    {
        null => "(null)",
        IFormattable formattable => formattable.ToString(format, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
