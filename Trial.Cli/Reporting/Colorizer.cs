namespace Trial.Cli.Reporting;

/// <summary>
/// Writes a status in colour as Twisted's ANSI colorizer does (<c>ESC[31;1m[FAIL]ESC[0m</c>), or
/// plainly. Colour is on only when the output is a terminal and <c>NO_COLOR</c> is unset or empty.
/// </summary>
internal sealed class Colorizer(bool enabled)
{
    /// <summary>Red: failures, errors, unexpected successes.</summary>
    public const int Red = 31;

    /// <summary>Green: passes.</summary>
    public const int Green = 32;

    /// <summary>Blue: skips and todos.</summary>
    public const int Blue = 34;

    /// <summary>A colorizer that writes plain text.</summary>
    public static Colorizer None { get; } = new(false);

    /// <summary>Whether colour codes are written.</summary>
    public bool Enabled { get; } = enabled;

    /// <summary>Colour when stdout is a terminal and NO_COLOR is not set, as https://no-color.org asks.</summary>
    public static Colorizer ForConsole() =>
        new(!Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")));

    /// <summary>Writes <paramref name="text"/> in <paramref name="color"/>.</summary>
    public void Write(TextWriter output, string text, int color)
    {
        if (Enabled)
        {
            output.Write($"\u001b[{color};1m{text}\u001b[0m");
        }
        else
        {
            output.Write(text);
        }
    }
}
