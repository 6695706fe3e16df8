using System.Linq.Expressions;
using Trial.Deferreds;
using Trial.Fakes.Simulation;
using Trial.Fakes.Time;
using Trial.Logging;
using Trial.Randomness;
using Trial.Reactors;
using Trial.Runner.Running;
using Xunit;
using Xunit.Abstractions;

namespace Trial.Runner;

/// <summary>
/// The base class of a test class with reactor tests (Twisted's <c>TestCase</c>): in a <see cref="ReactorFactAttribute"/>
/// or <see cref="ReactorTheoryAttribute"/> test it gives the test its <see cref="Reactor"/>, <see cref="Clock"/>,
/// <see cref="Network"/> and <see cref="Seed"/>, and in any test (plain <c>[Fact]</c> too) Twisted's helpers.
/// </summary>
/// <remarks>
/// <para>
/// The reactor exists while the test runs: from <see cref="SetUpAsync"/>, through the test method, to
/// <see cref="TearDownAsync"/> and the cleanups, all of which run on it. It does not exist in the constructor; set up
/// servers and clients in <see cref="SetUpAsync"/> or in the test.
/// </para>
/// <para>
/// After a reactor test, in this order: <see cref="TearDownAsync"/>, the cleanups (last added first), then the
/// clean-reactor check. In a plain <c>[Fact]</c>, the cleanups run when xunit disposes the instance, and errors logged
/// to <see cref="Log"/> and not flushed fail the test.
/// </para>
/// </remarks>
public abstract class TestCase : IAsyncLifetime
{
    private ReactorTestContext? _context;
    private bool _reactorTest;

    /// <summary>Gets the test's reactor: a simulated host on virtual time (simulated mode) or a <c>SocketReactor</c> (real mode).</summary>
    /// <exception cref="InvalidOperationException">The test is not a reactor test, or is not running.</exception>
    public IReactor Reactor => Context.Reactor ?? throw new InvalidOperationException(
        $"{GetType().Name} has no reactor here: the reactor exists in [ReactorFact] and [ReactorTheory] tests, from SetUpAsync to the cleanups, not in the constructor or in a plain [Fact].");

    /// <summary>Gets the test's virtual clock, the time of <see cref="Reactor"/> in simulated mode.</summary>
    /// <exception cref="InvalidOperationException">The test runs in real mode, where time is real, or has no reactor.</exception>
    public Clock Clock => Context.Clock ?? throw new InvalidOperationException(
        Context.Reactor is null
            ? $"{GetType().Name} has no clock here: it exists in simulated [ReactorFact] and [ReactorTheory] tests."
            : "This test runs in real mode, where time is real and there is no virtual clock; use Reactor (its CallLater and TimeProvider) instead.");

    /// <summary>
    /// Gets the test's simulated network, seeded with <see cref="Seed"/>: <see cref="Reactor"/> is its host named
    /// "test"; add more hosts with <c>Network.AddHost</c>, inject faults, and read its trace.
    /// </summary>
    /// <exception cref="InvalidOperationException">The test runs in real mode, or has no reactor.</exception>
    public SimulatedNetwork Network => Context.Network ?? throw new InvalidOperationException(
        Context.Reactor is null
            ? $"{GetType().Name} has no network here: it exists in simulated [ReactorFact] and [ReactorTheory] tests."
            : "This test runs in real mode, over real sockets, where there is no simulated network; give a test that needs one Mode = ReactorMode.Simulated.");

    /// <summary>Gets the mode this run of the test uses.</summary>
    public ReactorMode Mode => Context.Variant.Mode;

    /// <summary>Gets the seed of this run: every random choice of a simulated run follows from it, and <c>TRIAL_SEED</c> replays it.</summary>
    public ulong Seed => Context.Variant.Seed;

    /// <summary>Gets a random source seeded with <see cref="Seed"/>, for test data that must replay with the seed.</summary>
    public SeededRandom Random => Context.Random;

    /// <summary>Gets the test's log: events published here (the reactor's too) go to the test's output, and errors fail the test unless flushed.</summary>
    public LogPublisher Log => Context.Log;

    /// <summary>Gets the test's output, shown with the test's result.</summary>
    /// <exception cref="InvalidOperationException">The test is not a reactor test (a plain <c>[Fact]</c> takes an <see cref="ITestOutputHelper"/> in its constructor instead).</exception>
    public ITestOutputHelper Output => Context.Output ?? throw new InvalidOperationException(
        "A plain [Fact] gets its output by taking an ITestOutputHelper in its constructor; Output is set in [ReactorFact] and [ReactorTheory] tests.");

    private ReactorTestContext Context => _context ?? throw new InvalidOperationException(
        $"{GetType().Name} is not running a test yet: use the test's members from SetUpAsync, the test method or a cleanup, not from the constructor.");

    /// <inheritdoc cref="TestHelpers.SuccessResultOf{T}(Deferred{T})"/>
    protected static T SuccessResultOf<T>(Deferred<T> deferred) => TestHelpers.SuccessResultOf(deferred);

    /// <inheritdoc cref="TestHelpers.SuccessResultOf{T}(Task{T})"/>
    protected static T SuccessResultOf<T>(Task<T> task) => TestHelpers.SuccessResultOf(task);

    /// <inheritdoc cref="TestHelpers.SuccessResultOf(Task)"/>
    protected static void SuccessResultOf(Task task) => TestHelpers.SuccessResultOf(task);

    /// <inheritdoc cref="TestHelpers.SuccessResultOf{T}(ValueTask{T})"/>
    protected static T SuccessResultOf<T>(ValueTask<T> task) => TestHelpers.SuccessResultOf(task);

    /// <inheritdoc cref="TestHelpers.SuccessResultOf(ValueTask)"/>
    protected static void SuccessResultOf(ValueTask task) => TestHelpers.SuccessResultOf(task);

    /// <inheritdoc cref="TestHelpers.FailureResultOf{TException}(Deferred)"/>
    protected static TException FailureResultOf<TException>(Deferred deferred)
        where TException : Exception => TestHelpers.FailureResultOf<TException>(deferred);

    /// <inheritdoc cref="TestHelpers.FailureResultOf{TException}(Task)"/>
    protected static TException FailureResultOf<TException>(Task task)
        where TException : Exception => TestHelpers.FailureResultOf<TException>(task);

    /// <inheritdoc cref="TestHelpers.FailureResultOf{TException}(ValueTask)"/>
    protected static TException FailureResultOf<TException>(ValueTask task)
        where TException : Exception => TestHelpers.FailureResultOf<TException>(task);

    /// <inheritdoc cref="TestHelpers.AssertNoResult(Deferred)"/>
    protected static void AssertNoResult(Deferred deferred) => TestHelpers.AssertNoResult(deferred);

    /// <inheritdoc cref="TestHelpers.AssertNoResult(Task)"/>
    protected static void AssertNoResult(Task task) => TestHelpers.AssertNoResult(task);

    /// <inheritdoc cref="TestHelpers.AssertNoResult(ValueTask)"/>
    protected static void AssertNoResult(ValueTask task) => TestHelpers.AssertNoResult(task);

    /// <inheritdoc cref="TestHelpers.AssertNoResult{T}(ValueTask{T})"/>
    protected static void AssertNoResult<T>(ValueTask<T> task) => TestHelpers.AssertNoResult(task);

    /// <inheritdoc cref="TestHelpers.FlushLoggedErrors{TException}"/>
    protected IReadOnlyList<LogEvent> FlushLoggedErrors<TException>()
        where TException : Exception => Context.Capture.Flush<TException>();

    /// <inheritdoc cref="TestHelpers.AddCleanup(Action)"/>
    protected void AddCleanup(Action cleanup) => Context.AddCleanup(cleanup);

    /// <inheritdoc cref="TestHelpers.AddCleanup(Func{Task})"/>
    protected void AddCleanup(Func<Task> cleanup) => Context.AddCleanup(cleanup);

    /// <inheritdoc cref="TestHelpers.Patch{T}(Expression{Func{T}}, T)"/>
    protected void Patch<T>(Expression<Func<T>> member, T value) => Context.Patch(member, value);

    /// <inheritdoc cref="TestHelpers.MkTemp"/>
    protected string MkTemp() => Context.MakeTemp();

    /// <summary>Runs on the reactor before a reactor test method (Twisted's <c>setUp</c>); awaits come back to the reactor.</summary>
    /// <returns>A task that completes when set-up is done.</returns>
    protected virtual Task SetUpAsync() => Task.CompletedTask;

    /// <summary>Runs on the reactor after a reactor test method, even a failed one (Twisted's <c>tearDown</c>), before the cleanups.</summary>
    /// <returns>A task that completes when tear-down is done.</returns>
    protected virtual Task TearDownAsync() => Task.CompletedTask;

    /// <summary>
    /// Returns the options of the test's <see cref="Network"/>. Override it to give the tests of a class other links,
    /// windows or timeouts: <c>=&gt; new() { DefaultLink = new LinkOptions { Latency = TimeSpan.FromMilliseconds(50) } }</c>.
    /// </summary>
    /// <param name="testMethod">The name of the test method about to run, as <c>nameof</c> gives it, for options that differ from test to test.</param>
    /// <returns>The network's options; the default is <c>new NetworkOptions()</c> (1 ms links, see <see cref="NetworkOptions"/>).</returns>
    /// <remarks>
    /// <para>
    /// Called in each simulated run, before the network exists and before <see cref="SetUpAsync"/>. <see cref="Seed"/>,
    /// <see cref="Mode"/> and <see cref="Random"/> may be read here (to vary the options by seed); <see cref="Reactor"/>,
    /// <see cref="Clock"/> and <see cref="Network"/> do not exist yet. Real runs do not call it.
    /// </para>
    /// <para>
    /// Whatever it returns, the network is seeded with <see cref="Seed"/> (so <c>TRIAL_SEED</c> replays the run), and an
    /// exception a protocol callback throws is logged as an error of the test; an <see cref="NetworkOptions.OnError"/>
    /// set here is called as well. An exception thrown here fails the test.
    /// </para>
    /// </remarks>
    protected virtual NetworkOptions CreateNetworkOptions(string testMethod) => new();

    /// <summary>Gives a plain <c>[Fact]</c> its helpers; a reactor test's runner sets everything up itself.</summary>
    /// <returns>A completed task.</returns>
    Task IAsyncLifetime.InitializeAsync()
    {
        // Not async on purpose: the current test set here must flow on into the test method.
        if (!_reactorTest)
        {
            _context = ReactorTestContext.ForPlainTest(GetType().FullName ?? GetType().Name);
            _context.Enter();
        }

        return Task.CompletedTask;
    }

    /// <summary>Runs a plain <c>[Fact]</c>'s cleanups and fails it on unflushed logged errors.</summary>
    /// <returns>A task that completes when the cleanups are done.</returns>
    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_reactorTest || _context is null)
        {
            return;
        }

        var errors = new List<Exception>(await _context.RunCleanupsAsync());
        if (Leftovers.FromLog(_context) is { Count: > 0 } leftovers)
        {
            errors.Add(new Sdk.UncleanReactorException(Leftovers.Describe(_context, leftovers)));
        }

        if (errors.Count > 0)
        {
            throw errors.Count == 1 ? errors[0] : new AggregateException(errors);
        }
    }

    internal void MarkReactorTest() => _reactorTest = true;

    internal void Attach(ReactorTestContext context) => _context = context;

    internal NetworkOptions RunCreateNetworkOptions(string testMethod) => CreateNetworkOptions(testMethod);

    internal Task RunSetUpAsync() => SetUpAsync();

    internal Task RunTearDownAsync() => TearDownAsync();
}
