using System.Reflection;
using System.Runtime.Loader;
using Xunit.Abstractions;

namespace Trial.Cli.Loading;

/// <summary>
/// One test assembly's load context: its dependencies resolve from its own <c>.deps.json</c>, so two
/// test projects with different package versions run side by side in one process.
/// Shared with the command's context: <c>xunit.abstractions</c> only (the interfaces messages,
/// test cases and sinks cross the boundary as), plus the framework itself, which
/// <see cref="AssemblyLoadContext"/> always shares. Everything else, xunit.core, xunit.execution,
/// Trial.Runner and the test's own packages, loads here in the version the test project chose.
/// </summary>
internal sealed class TestAssemblyContext : AssemblyLoadContext
{
    private static readonly Assembly Abstractions = typeof(IMessageSink).Assembly;

    private readonly AssemblyDependencyResolver resolver;

    /// <summary>Creates the context for the assembly at <paramref name="assemblyPath"/>.</summary>
    public TestAssemblyContext(string assemblyPath)
        : base("trial:" + Path.GetFileNameWithoutExtension(assemblyPath))
    {
        resolver = new AssemblyDependencyResolver(assemblyPath);
    }

    /// <inheritdoc/>
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (string.Equals(assemblyName.Name, Abstractions.GetName().Name, StringComparison.OrdinalIgnoreCase))
        {
            return Abstractions;
        }

        var path = resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    /// <inheritdoc/>
    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
