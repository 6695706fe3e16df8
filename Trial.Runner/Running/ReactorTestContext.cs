using System.Diagnostics;
using System.Globalization;
using System.Linq.Expressions;
using Trial.Diagnostics;
using Trial.Fakes.Time;
using Trial.Logging;
using Trial.Randomness;
using Trial.Reactors;
using Trial.Runner.Sdk;
using Xunit.Abstractions;

namespace Trial.Runner.Running;

/// <summary>Everything one run of one test owns: its names, seed, reactor, log, cleanups and temporary paths.</summary>
internal sealed class ReactorTestContext
{
    /// <summary>How many things a test may make with their stacks kept; after that only the time is kept, to stay fast.</summary>
    private const int StackBudget = 2000;

    private static readonly AsyncLocal<ReactorTestContext?> CurrentSlot = new();
    private readonly Stack<(string Name, Func<Task> Run)> _cleanups = new();
    private readonly Lock _gate = new();
    private int _stacksTaken;
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private int _temps;

    internal ReactorTestContext(string displayName, string fullyQualifiedName, ReactorTestVariant variant, IReactorTestAttribute settings, ITestOutputHelper? output, RunRecord record)
    {
        DisplayName = displayName;
        FullyQualifiedName = fullyQualifiedName;
        Variant = variant;
        Settings = settings;
        Output = output;
        Record = record;
        Random = new SeededRandom(variant.Seed);
        Capture = new LogCapture(output, record, this);
        Log.AddObserver(Capture);
    }

    /// <summary>Gets the context of the test running in the current flow, if any.</summary>
    internal static ReactorTestContext? Current => CurrentSlot.Value;

    internal string DisplayName { get; }

    internal string FullyQualifiedName { get; }

    /// <summary>Gets the test method's name: the last part of <see cref="FullyQualifiedName"/>, which is the class's full name, a dot, and the method's name.</summary>
    internal string MethodName => FullyQualifiedName[(FullyQualifiedName.LastIndexOf('.') + 1)..];

    internal ReactorTestVariant Variant { get; }

    internal IReactorTestAttribute Settings { get; }

    internal ITestOutputHelper? Output { get; }

    internal RunRecord Record { get; }

    internal SeededRandom Random { get; }

    internal LogPublisher Log { get; } = new();

    internal LogCapture Capture { get; }

    internal IReactor? Reactor { get; private set; }

    internal Clock? Clock { get; private set; }

    internal Fakes.Simulation.SimulatedNetwork? Network { get; private set; }

    /// <summary>Makes a context for a plain <c>[Fact]</c> on a <see cref="TestCase"/>: no reactor, helpers only.</summary>
    internal static ReactorTestContext ForPlainTest(string name) =>
        new(name, name, new ReactorTestVariant(ReactorMode.Simulated, ReactorTestVariant.SeedFromName(name), false, false), new ReactorFactAttribute(), null, new RunRecord());

    /// <summary>Makes this the current test of the calling flow and of everything it starts.</summary>
    internal void Enter()
    {
        CurrentSlot.Value = this;
        ResourceOrigins.Begin(CaptureOrigin);
    }

    internal void Attach(IReactor reactor, Clock? clock, Fakes.Simulation.SimulatedNetwork? network)
    {
        Reactor = reactor;
        Clock = clock;
        Network = network;
    }

    /// <summary>Adds a cleanup named after its method, for messages.</summary>
    internal void AddCleanup(Action cleanup)
    {
        ArgumentNullException.ThrowIfNull(cleanup);
        AddCleanup(NameOf(cleanup), () =>
        {
            cleanup();
            return Task.CompletedTask;
        });
    }

    /// <summary>Adds an asynchronous cleanup named after its method, for messages.</summary>
    internal void AddCleanup(Func<Task> cleanup)
    {
        ArgumentNullException.ThrowIfNull(cleanup);
        AddCleanup(NameOf(cleanup), cleanup);
    }

    /// <summary>Sets a field or property now and adds the cleanup that restores it.</summary>
    internal void Patch<T>(Expression<Func<T>> member, T value)
    {
        var restore = MemberPatch.Apply(member, value);
        AddCleanup($"restoring {member.Body}", () =>
        {
            restore();
            return Task.CompletedTask;
        });
    }

    internal void AddCleanup(string name, Func<Task> cleanup)
    {
        lock (_gate)
        {
            _cleanups.Push((name, cleanup));
        }
    }

    /// <summary>Runs the cleanups, last added first, each even when one before it failed.</summary>
    /// <returns>The exceptions they threw, each naming its cleanup.</returns>
    internal async Task<IReadOnlyList<Exception>> RunCleanupsAsync()
    {
        var errors = new List<Exception>();
        while (true)
        {
            (string Name, Func<Task> Run) next;
            lock (_gate)
            {
                if (!_cleanups.TryPop(out next))
                {
                    return errors;
                }
            }

            try
            {
                await next.Run();
            }
            catch (Exception e)
            {
                errors.Add(new InvalidOperationException($"The cleanup {next.Name} of {DisplayName} failed: {e.Message}", e));
            }
        }
    }

    /// <summary>Returns a new path, unique to this call, whose parent folder exists; the folder is deleted at cleanup.</summary>
    internal string MakeTemp()
    {
        int n = Interlocked.Increment(ref _temps);
        string safe = string.Concat(FullyQualifiedName.Select(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_'));
        string folder = Path.Combine(Path.GetTempPath(), "trial", safe, Path.GetRandomFileName());
        Directory.CreateDirectory(folder);
        AddCleanup($"deleting {folder}", () =>
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            return Task.CompletedTask;
        });
        return Path.Combine(folder, n.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Gets the test's time: virtual time in simulated mode, time since the test began in real mode.</summary>
    // The clock's time is virtual time; a real reactor's is read only on its own thread, so real runs use elapsed time.
    internal TimeSpan Now => Clock?.Now ?? _wall.Elapsed;

    /// <summary>Formats a log timestamp as the virtual time since the clock's epoch (simulated) or as UTC time (real).</summary>
    internal string FormatTime(DateTimeOffset stamp) => Clock is { } clock
        ? (stamp - clock.Epoch).ToString("c", CultureInfo.InvariantCulture)
        : stamp.UtcDateTime.ToString("HH:mm:ss.fffffff", CultureInfo.InvariantCulture);

    private static string NameOf(Delegate cleanup) => $"{cleanup.Method.DeclaringType?.Name}.{cleanup.Method.Name}";

    private object CaptureOrigin()
    {
        var stack = Interlocked.Increment(ref _stacksTaken) <= StackBudget ? new StackTrace(2, false) : null;
        return new ResourceOrigin(DisplayName, Now, Clock is not null, stack);
    }
}
