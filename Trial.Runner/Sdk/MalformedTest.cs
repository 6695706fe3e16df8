using System.Reflection;
using System.Runtime.CompilerServices;
using Trial.Deferreds;

namespace Trial.Runner.Sdk;

/// <summary>Finds what makes a method unusable as a reactor test, and says how to fix it.</summary>
internal static class MalformedTest
{
    /// <summary>Returns why <paramref name="method"/> cannot run as a reactor test, or <see langword="null"/> when it can.</summary>
    internal static string? Check(MethodInfo method, bool isTheory, Type? testClass)
    {
        string name = $"{method.DeclaringType?.FullName}.{method.Name}";
        string attribute = isTheory ? "[ReactorTheory]" : "[ReactorFact]";
        if (method.ReturnType == typeof(void) && method.GetCustomAttribute<AsyncStateMachineAttribute>() is not null)
        {
            return $"{name} is async void, so nothing can wait for it and its exceptions would escape the test. Declare it 'async Task {method.Name}(...)'.";
        }

        if (!IsAwaitableResult(method.ReturnType))
        {
            return $"{name} returns {method.ReturnType.Name}; a {attribute} test returns void, Task, ValueTask or a Deferred. Change its return type.";
        }

        if (method.IsStatic)
        {
            return $"{name} is static, but a {attribute} test runs on its class instance, which holds its Reactor, Clock and Seed. Remove 'static'.";
        }

        if ((testClass ?? method.ReflectedType) is { } type && !typeof(TestCase).IsAssignableFrom(type))
        {
            return $"{type.FullName} does not derive from Trial.Runner.TestCase, which gives a {attribute} test its Reactor, Clock, Network and Seed. Declare 'public class {type.Name} : TestCase', or use [Fact] for a test that needs no reactor.";
        }

        int parameters = method.GetParameters().Length;
        if (!isTheory && parameters > 0)
        {
            return $"{name} takes {parameters} parameter{(parameters == 1 ? "" : "s")}, but a [ReactorFact] passes none. Remove them, or make it a [ReactorTheory] with [InlineData] or [MemberData].";
        }

        return null;
    }

    private static bool IsAwaitableResult(Type type) =>
        type == typeof(void) || type == typeof(Task) || type == typeof(ValueTask) || typeof(Task).IsAssignableFrom(type)
        || typeof(Deferred).IsAssignableFrom(type)
        || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTask<>));
}
