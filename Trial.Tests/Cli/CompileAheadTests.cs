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
        var methods = new[]
        {
            typeof(ClassWithInitializer).GetMethod(nameof(ClassWithInitializer.Test))!,
            typeof(ClassWithFieldInitializer).GetMethod(nameof(ClassWithFieldInitializer.Test))!,
            typeof(PlainClass).GetMethod(nameof(PlainClass.Test))!,
        };

        using var ahead = CompileAhead.Start(methods, processorCount: 2);

        ahead.Should().NotBeNull();
        await ahead!.Finished.WaitAsync(Bound);
        InitializerRuns.Count.Should().Be(0, "compiling ahead must not run a test class's static initializer: it runs on the test's thread, when the test needs it");
    }

    [Fact]
    public async Task CompileAhead_SkipsWhatCannotBeCompiledAhead()
    {
        var methods = new[]
        {
            typeof(PlainClass).GetMethod(nameof(PlainClass.Generic))!,
            typeof(AbstractClass).GetMethod(nameof(AbstractClass.Test))!,
            typeof(PlainClass).GetMethod(nameof(PlainClass.Test))!,
        };

        using var ahead = CompileAhead.Start(methods, processorCount: 2);

        await ahead!.Finished.WaitAsync(Bound);
        ahead.Finished.IsCompletedSuccessfully.Should().BeTrue("a generic or abstract method is left to the JIT, not an error");
    }

    [Fact]
    public void CompileAhead_DoesNotStartWithOneCore()
    {
        CompileAhead.Start([typeof(PlainClass).GetMethod(nameof(PlainClass.Test))!], processorCount: 1).Should().BeNull();
        CompileAhead.Start(Array.Empty<MethodInfo>(), processorCount: 2).Should().BeNull();
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
