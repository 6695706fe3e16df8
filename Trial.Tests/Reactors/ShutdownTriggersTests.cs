using Trial.Deferreds;
using Trial.Reactors;

namespace Trial.Tests.Reactors;

public sealed class ShutdownTriggersTests
{
    private readonly List<string> _log = [];
    private readonly List<(string What, Exception Error)> _errors = [];
    private readonly ShutdownTriggers _triggers;

    public ShutdownTriggersTests() => _triggers = new ShutdownTriggers((what, error) => _errors.Add((what, error)));

    [Fact]
    public void Run_RunsThePhasesInOrderAndThenFinishes()
    {
        _triggers.Add(ShutdownPhase.After, () => Log("after"));
        _triggers.Add(ShutdownPhase.During, () => Log("during"));
        _triggers.Add(ShutdownPhase.Before, () => Log("before1"));
        _triggers.Add(ShutdownPhase.Before, () => Log("before2"));

        _triggers.Run(() => _log.Add("done"));

        _log.Should().Equal("before1", "before2", "during", "after", "done");
    }

    [Fact]
    public void Run_WaitsForEveryDeferredABeforeTriggerReturns()
    {
        var first = new Deferred<int>();
        var second = new Deferred<string>();
        _triggers.Add(ShutdownPhase.Before, () => first);
        _triggers.Add(ShutdownPhase.Before, () => second);
        _triggers.Add(ShutdownPhase.During, () => Log("during"));

        _triggers.Run(() => _log.Add("done"));
        _log.Should().BeEmpty();
        first.Callback(1);
        _log.Should().BeEmpty();
        second.Callback("x");

        _log.Should().Equal("during", "done");
    }

    [Fact]
    public void AThrowingTriggerOrAFailedDeferred_IsReportedAndShutdownGoesOn()
    {
        var failing = new Deferred<int>();
        _triggers.Add(ShutdownPhase.Before, () => throw new InvalidProgramException("thrown"));
        _triggers.Add(ShutdownPhase.Before, () => failing);
        _triggers.Add(ShutdownPhase.After, () => Log("after"));

        _triggers.Run(() => _log.Add("done"));
        failing.Errback(new FormatException("failed"));

        _log.Should().Equal("after", "done");
        _errors.Select(e => e.Error.Message).Should().Equal("thrown", "failed");
        _errors[0].What.Should().Contain("Before");
    }

    [Fact]
    public void DisposingARegistration_RemovesTheTrigger()
    {
        var registration = _triggers.Add(ShutdownPhase.During, () => Log("removed"));
        _triggers.Add(ShutdownPhase.During, () => Log("kept"));

        registration.Dispose();
        _triggers.Run(() => _log.Add("done"));

        _log.Should().Equal("kept", "done");
        _triggers.Triggers(ShutdownPhase.During).Should().HaveCount(1);
    }

    [Fact]
    public void Run_Twice_RunsTheTriggersOnce()
    {
        _triggers.Add(ShutdownPhase.During, () => Log("during"));

        _triggers.Run(() => _log.Add("done"));
        _triggers.Run(() => _log.Add("done again"));

        _log.Should().Equal("during", "done");
        _triggers.Started.Should().BeTrue();
    }

    [Fact]
    public void Add_WithAnUnknownPhase_ThrowsWithTheValue()
    {
        var act = () => _triggers.Add((ShutdownPhase)7, () => null);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*7*");
    }

    private Deferred? Log(string entry)
    {
        _log.Add(entry);
        return null;
    }
}
