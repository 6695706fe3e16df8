using System.Reflection;
using System.Runtime.CompilerServices;

namespace Trial.Cli.Running;

/// <summary>
/// Compiles the tests of a plan on a background thread, in plan order, ahead of the thread that runs
/// them. In a suite of many small tests most of a test's cost is the JIT compiling its method (and the
/// lambdas and state machines its class holds) the first time it runs; done here, that work moves to
/// another core, and the test thread finds the code ready. Nothing runs but the compiler: no test code,
/// no change of order, and no static initializer (<c>RuntimeHelpers.PrepareMethod</c> compiles without
/// running one; a test pins that). A method that cannot be compiled ahead (a generic one, a type that
/// fails to load) is left to the JIT as usual. Started only on a machine with more than one core;
/// disposing stops it.
/// </summary>
internal sealed class CompileAhead : IDisposable
{
    private readonly IReadOnlyList<MethodInfo> tests;
    private readonly TaskCompletionSource finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool stopped;

    private CompileAhead(IReadOnlyList<MethodInfo> tests) => this.tests = tests;

    /// <summary>Completes when the thread has compiled everything it will, or was stopped.</summary>
    public Task Finished => finished.Task;

    /// <summary>Gets how many methods the thread has compiled; read it once <see cref="Finished"/> completes.</summary>
    public int Compiled { get; private set; }

    /// <summary>
    /// Starts compiling the test methods <paramref name="tests"/> in their order, with their classes;
    /// returns null when <paramref name="processorCount"/> leaves no other core to do it on.
    /// </summary>
    public static CompileAhead? Start(IReadOnlyList<MethodInfo> tests, int processorCount)
    {
        if (processorCount < 2 || tests.Count == 0)
        {
            return null;
        }

        var ahead = new CompileAhead(tests);
        var thread = new Thread(ahead.Run) { IsBackground = true, Name = "trial compile-ahead", Priority = ThreadPriority.BelowNormal };
        thread.Start();
        return ahead;
    }

    /// <summary>Stops compiling after the method in hand.</summary>
    public void Dispose() => stopped = true;

    private void Run()
    {
        try
        {
            Compile();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Only an optimization: whatever it could not compile, the JIT compiles on the test thread, and a real
            // failure shows there, in the test it belongs to. It must never take the process down.
        }
        finally
        {
            finished.SetResult();
        }
    }

    private void Compile()
    {
        var classes = new HashSet<Type>();
        foreach (var method in tests)
        {
            if (stopped)
            {
                return;
            }

            if (method.DeclaringType is not { } type)
            {
                continue;
            }

            Prepare(method);
            if (classes.Add(type))
            {
                PrepareClass(type);
            }
        }
    }

    // The class's constructors and everything its nested types (closures, iterators, async state
    // machines) declare.
    private void PrepareClass(Type type)
    {
        const BindingFlags declared = BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;
        try
        {
            foreach (var constructor in type.GetConstructors(BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                Prepare(constructor);
            }

            foreach (var nested in type.GetNestedTypes(BindingFlags.NonPublic | BindingFlags.Public))
            {
                if (nested.ContainsGenericParameters)
                {
                    continue;
                }

                foreach (var method in nested.GetMethods(declared))
                {
                    if (stopped)
                    {
                        return;
                    }

                    Prepare(method);
                }

                foreach (var constructor in nested.GetConstructors(BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
                {
                    Prepare(constructor);
                }
            }
        }
        catch (Exception e) when (e is TypeLoadException or FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            // The test thread meets the same failure when it runs the test, and reports it there.
        }
    }

    private void Prepare(MethodBase method)
    {
        // Generic definitions need their type arguments; abstract, runtime and P/Invoke methods have no IL of
        // their own (compiling a P/Invoke stub early could bind its native library on this thread).
        if (method.ContainsGenericParameters || method.IsAbstract
            || (method.Attributes & MethodAttributes.PinvokeImpl) != 0
            || (method.MethodImplementationFlags & (MethodImplAttributes.InternalCall | MethodImplAttributes.Runtime)) != 0)
        {
            return;
        }

        try
        {
            RuntimeHelpers.PrepareMethod(method.MethodHandle);
            Compiled++;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Left to the JIT on the test thread, which reports any real failure where it belongs.
        }
    }
}
