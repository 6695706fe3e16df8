using System.Diagnostics;
using System.Text;

namespace Trial.Runner.Running;

/// <summary>Where and when a test made something: the test's name, the virtual time, and the stack (when captured).</summary>
internal sealed class ResourceOrigin(string testName, TimeSpan time, bool virtualTime, StackTrace? stack)
{
    private static readonly string[] HiddenPrefixes =
    [
        "Trial.Diagnostics.", "Trial.Time.", "Trial.Deferreds.", "Trial.Runner.", "System.Runtime.CompilerServices.", "System.Threading.",
        "System.Reflection.", "Xunit.", "Trial.Fakes.Time.", "Trial.Fakes.Memory.", "Trial.Sockets.", "Trial.Streams.", "Trial.Reactors.",
    ];

    internal string TestName { get; } = testName;

    internal TimeSpan Time { get; } = time;

    /// <summary>Describes the origin in a few lines, the stack indented by <paramref name="indent"/>.</summary>
    internal string Describe(string indent)
    {
        var text = new StringBuilder($"made by {TestName} at {(virtualTime ? "virtual time" : "time")} {Time}");
        if (stack is null)
        {
            return text.Append(" (no stack: the test made too many things to keep each stack)").ToString();
        }

        text.Append(", at:");
        int shown = 0;
        foreach (var frame in stack.GetFrames())
        {
            if (frame.GetMethod() is not { } method || method.DeclaringType is not { } type)
            {
                continue;
            }

            string name = $"{type.FullName}.{method.Name}";
            if (HiddenPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)))
            {
                continue;
            }

            text.AppendLine().Append(indent).Append("at ").Append(name);
            if (++shown == 8)
            {
                break;
            }
        }

        return text.ToString();
    }
}
