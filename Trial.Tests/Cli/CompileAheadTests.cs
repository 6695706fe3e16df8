using System.Reflection;
using Trial.Cli.Running;

namespace Trial.Tests.Cli;

/// <summary>The trial command compiles tests ahead on another core, and runs nothing of theirs there.</summary>
public sealed class CompileAheadTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task CompileAhead_DoesNotRunAStaticInitializerOfATestClass()
    {
        var ahead = await CompiledAsync(
            typeof(ClassWithInitializer).GetMethod(nameof(ClassWithInitializer.Test))!,
            typeof(ClassWithFieldInitializer).GetMethod(nameof(ClassWithFieldInitializer.Test))!,
            typeof(PlainClass).GetMethod(nameof(PlainClass.Test))!);

        ahead.Compiled.Should().BeGreaterThanOrEqualTo(3, "each test method is compiled");
        InitializerRuns.Count.Should().Be(0, "compiling ahead must not run a test class's static initializer: it runs on the test's thread, when the test needs it");
    }

    [Fact]
    public async Task CompileAhead_SkipsWhatCannotBeCompiledAhead()
    {
        var ahead = await CompiledAsync(
            typeof(PlainClass).GetMethod(nameof(PlainClass.Generic))!,
            typeof(AbstractClass).GetMethod(nameof(AbstractClass.Test))!,
            typeof(PlainClass).GetMethod(nameof(PlainClass.Test))!);

        ahead.Finished.IsCompletedSuccessfully.Should().BeTrue("a generic or abstract method is left to the JIT, not an error");
        ahead.Compiled.Should().BeGreaterThanOrEqualTo(1, "the methods after those that cannot be compiled ahead still are");
    }

    [Fact]
    public void CompileAhead_DoesNotStartWithOneCore()
    {
        CompileAhead.Start([typeof(PlainClass).GetMethod(nameof(PlainClass.Test))!], processorCount: 1).Should().BeNull();
        CompileAhead.Start(Array.Empty<MethodInfo>(), processorCount: 2).Should().BeNull();
    }

    // Compiles the methods ahead, as on two cores, and waits until the thread is done.
    private static async Task<CompileAhead> CompiledAsync(params MethodInfo[] methods)
    {
        var ahead = CompileAhead.Start(methods, processorCount: 2);
        ahead.Should().NotBeNull("two cores leave one to compile on");
        await ahead!.Finished.WaitAsync(Bound);
        ahead.Dispose();
        return ahead;
    }

    private static class InitializerRuns
    {
        public static int Count;
    }

    private sealed class ClassWithInitializer
    {
        private static readonly int Marker;

        static ClassWithInitializer() => Marker = Interlocked.Increment(ref InitializerRuns.Count);

        public static int Test() => Marker + new Func<int>(() => 1)();
    }

    private sealed class ClassWithFieldInitializer
    {
        private static readonly int Marker = Interlocked.Increment(ref InitializerRuns.Count);

        public int Test() => Marker;
    }

    private sealed class PlainClass
    {
        public int Test() => new Func<int, int>(x => x + 1)(1);

        public T Generic<T>(T value) => value;
    }

    private abstract class AbstractClass
    {
        public abstract void Test();
    }
}
