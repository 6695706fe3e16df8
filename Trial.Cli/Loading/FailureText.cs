using System.Text;
using Xunit.Abstractions;

namespace Trial.Cli.Loading;

/// <summary>
/// Writes an xunit failure as .NET prints an exception: <c>Type: message</c>, each inner exception
/// below it marked <c>----</c>, then the stack traces outermost first.
/// </summary>
internal static class FailureText
{
    /// <summary>The failure's text, ending without a newline.</summary>
    public static string Format(IFailureInformation failure)
    {
        var text = new StringBuilder();
        for (var i = 0; i < failure.ExceptionTypes.Length; i++)
        {
            if (i > 0)
            {
                text.Append('\n').Append(new string('-', 4 * Depth(failure, i))).Append(' ');
            }

            text.Append(failure.ExceptionTypes[i]).Append(": ").Append(failure.Messages[i]);
        }

        for (var i = 0; i < failure.StackTraces.Length; i++)
        {
            var frames = OwnFrames(failure.StackTraces[i]);
            if (frames.Length == 0)
            {
                continue;
            }

            text.Append('\n');
            if (i > 0)
            {
                text.Append("----- Inner Stack Trace #").Append(i).Append(" (").Append(failure.ExceptionTypes[i]).Append(") -----\n");
            }

            text.Append(frames);
        }

        return text.ToString();
    }

    // As Twisted trims its own machinery from tracebacks: the frames of reflection invoking the test
    // and of xunit's assertions say nothing about the test.
    private static string OwnFrames(string? stack)
    {
        if (string.IsNullOrEmpty(stack))
        {
            return "";
        }

        var kept = new List<string>();
        foreach (var line in stack.Split('\n'))
        {
            var frame = line.TrimEnd('\r');
            var trimmed = frame.TrimStart();
            if (trimmed.Length > 0
                && !trimmed.StartsWith("at System.Reflection.", StringComparison.Ordinal)
                && !trimmed.StartsWith("at System.RuntimeMethodHandle.", StringComparison.Ordinal)
                && !trimmed.StartsWith("at Xunit.Assert.", StringComparison.Ordinal))
            {
                kept.Add(frame);
            }
        }

        return string.Join('\n', kept);
    }

    private static int Depth(IFailureInformation failure, int index)
    {
        var depth = 0;
        for (var i = index; i > 0 && depth < failure.ExceptionParentIndices.Length; i = failure.ExceptionParentIndices[i])
        {
            depth++;
        }

        return depth;
    }
}
