namespace Trial.Cli.Model;

/// <summary>
/// Where a test sits in the tree: its namespace, its class (nested classes as <c>Outer+Inner</c>) and
/// its leaf, the method name or a theory row's display name (<c>Adds(a: 1, b: 2)</c>).
/// </summary>
internal sealed record TestName(string Namespace, string Class, string Leaf)
{
    /// <summary>The full id, as Twisted prints it: <c>Namespace.Class.Leaf</c>.</summary>
    public string Id => Namespace.Length == 0 ? $"{Class}.{Leaf}" : $"{Namespace}.{Class}.{Leaf}";

    /// <summary>The class with its namespace, as xunit and <c>dotnet test --filter</c> spell it.</summary>
    public string FullClass => Namespace.Length == 0 ? Class : $"{Namespace}.{Class}";

    /// <summary>Names a test from xunit's full class name and a display name that may start with it.</summary>
    public static TestName From(string fullClassName, string displayName)
    {
        var dot = LastNamespaceDot(fullClassName);
        var ns = dot < 0 ? "" : fullClassName[..dot];
        var cls = fullClassName[(dot + 1)..];
        var leaf = displayName.StartsWith(fullClassName + ".", StringComparison.Ordinal)
            ? displayName[(fullClassName.Length + 1)..]
            : displayName;
        return new TestName(ns, cls, leaf);
    }

    // The namespace ends at the last dot before any '+' (nested class) or '[' (generic arguments).
    private static int LastNamespaceDot(string fullClassName)
    {
        var end = fullClassName.IndexOfAny(['+', '[', '`']);
        return fullClassName.LastIndexOf('.', end < 0 ? fullClassName.Length - 1 : end);
    }
}
