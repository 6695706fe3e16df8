using System.Reflection;
using System.Text;
using Trial.Deferreds;

namespace Trial.Runner.Running;

/// <summary>
/// Describes what an unfinished task waits on, by walking the async state machines behind it: which method awaits
/// which, down to the task, deferred or delegate at the bottom. Best effort, by reflection on the compiler's and the
/// runtime's private fields; it never throws, and says "unknown" where it cannot see.
/// </summary>
internal static class AwaitChain
{
    private const BindingFlags Fields = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
    private const int MaxDepth = 16;

    /// <summary>Describes the chain, one step a line.</summary>
    /// <param name="task">The unfinished task.</param>
    /// <param name="escaped">The thread-pool task at the bottom of the chain that is still running, if any.</param>
    /// <returns>The description.</returns>
    internal static string Describe(Task task, out Task? escaped)
    {
        escaped = null;
        var text = new StringBuilder();
        object? current = task;
        try
        {
            int shown = 0;
            for (int depth = 0; depth < MaxDepth && current is not null; depth++)
            {
                if (current is Task t && StateMachineOf(t) is { } machine)
                {
                    // The runner's own frames (the body that runs set-up, test and tear-down) are left out.
                    if (machine.GetType().DeclaringType?.FullName?.StartsWith("Trial.Runner.", StringComparison.Ordinal) != true)
                    {
                        text.AppendLine().Append("    ").Append(shown++ == 0 ? "" : "awaits ").Append(MethodName(machine.GetType()));
                    }

                    current = Awaited(machine);
                    continue;
                }

                text.AppendLine().Append("    ").Append(shown == 0 ? "" : "awaits ");

                text.Append(DescribeLeaf(current, out escaped));
                break;
            }
        }
        catch (Exception e) when (e is MemberAccessException or TargetException or InvalidOperationException or ArgumentException)
        {
            text.AppendLine().Append("    (the rest of the chain could not be read: ").Append(e.Message).Append(')');
        }

        return text.ToString();
    }

    private static object? StateMachineOf(Task task) =>
        task.GetType().GetField("StateMachine", Fields)?.GetValue(task);

    /// <summary>Returns the task or deferred the state machine's current awaiter holds.</summary>
    private static object? Awaited(object machine)
    {
        foreach (var field in machine.GetType().GetFields(Fields))
        {
            if (!field.Name.StartsWith("<>u__", StringComparison.Ordinal))
            {
                continue;
            }

            if (Unwrap(field.GetValue(machine), 3) is { } inner)
            {
                return inner;
            }
        }

        return null;
    }

    /// <summary>Digs a task, deferred or value-task source out of an awaiter (or anything holding one).</summary>
    private static object? Unwrap(object? value, int depth)
    {
        switch (value)
        {
            case null:
                return null;
            case Task or Deferred:
                return value;
            case string or Delegate:
                return null;
        }

        var type = value.GetType();
        if (type.FullName?.StartsWith("Trial.Deferreds.DeferredCore", StringComparison.Ordinal) == true)
        {
            return value;
        }

        if (depth == 0 || !type.IsValueType && !type.Name.Contains("Awaiter", StringComparison.Ordinal))
        {
            return type.IsValueType ? null : value;
        }

        foreach (var field in type.GetFields(Fields))
        {
            if (Unwrap(field.GetValue(value), depth - 1) is { } inner)
            {
                return inner;
            }
        }

        return null;
    }

    private static string DescribeLeaf(object leaf, out Task? escaped)
    {
        escaped = null;
        switch (leaf)
        {
            case Task { Status: TaskStatus.Created } task when task.GetType().GetField("m_action", Fields)?.GetValue(task) is Delegate work:
                return $"a task of {MethodName(work.Method)} that was never started: call its Start(), or make it with Task.Run";
            case Task task when task.GetType().GetField("m_action", Fields)?.GetValue(task) is Delegate work:
                if (!task.IsCompleted)
                {
                    escaped = task;
                }

                return $"work on another thread: {MethodName(work.Method)} ({task.Status})";
            case Task task when task.IsCompleted:
                // Completed, but the awaiting method has not resumed: its continuation is on its way back to the reactor.
                escaped = task;
                return $"a {TypeName(task.GetType())} that has completed ({task.Status}), whose continuation has not come back yet";
            case Task task when task.GetType().Name.Contains("DelayPromise", StringComparison.Ordinal):
                return OnReactorTime(task)
                    ? $"a Task.Delay on the reactor's time ({task.Status})"
                    : $"a Task.Delay on real time ({task.Status}): give it the reactor's TimeProvider, as Task.Delay(delay, Reactor.TimeProvider)";
            case Task task:
                return $"a {TypeName(task.GetType())} that nothing has completed ({task.Status}), such as a TaskCompletionSource's task";
            default:
                return leaf.GetType().FullName?.StartsWith("Trial.Deferreds.", StringComparison.Ordinal) == true
                    ? "a Deferred that has not fired"
                    : $"a {TypeName(leaf.GetType())} (unknown)";
        }
    }

    /// <summary>Whether a delay task's timer belongs to one of Trial's reactors.</summary>
    private static bool OnReactorTime(Task delay) => delay.GetType().GetFields(Fields)
        .Select(f => f.GetValue(delay))
        .Any(v => v is ITimer timer && timer.GetType().FullName?.StartsWith("Trial.", StringComparison.Ordinal) == true);

    private static string MethodName(Type stateMachine)
    {
        // The compiler names the state machine <Method>d__N, nested in the method's class.
        string name = stateMachine.Name;
        int end = name.IndexOf('>', StringComparison.Ordinal);
        string method = name.StartsWith('<') && end > 1 ? name[1..end] : name;
        return $"{stateMachine.DeclaringType?.FullName}.{method}";
    }

    private static string MethodName(MethodInfo method) => $"{method.DeclaringType?.FullName}.{method.Name}";

    private static string TypeName(Type type) => type.IsGenericType
        ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>"
        : type.Name;
}
