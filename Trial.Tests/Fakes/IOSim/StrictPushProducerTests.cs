namespace Trial.Tests.Fakes.IOSim;

/// <summary>The helper's own rules, ported from Twisted's StrictPushProducerTests, so tests that rely on it can trust it.</summary>
public sealed class StrictPushProducerTests
{
    [Theory]
    [InlineData("stop", "stop", "throws")]
    [InlineData("stop", "pause", "throws")]
    [InlineData("stop", "resume", "throws")]
    [InlineData("pause", "stop", "stopped")]
    [InlineData("pause", "pause", "throws")]
    [InlineData("pause", "resume", "running")]
    [InlineData("", "stop", "stopped")]
    [InlineData("", "pause", "paused")]
    [InlineData("", "resume", "throws")]
    public void ItAllowsOnlyTheTransitionsTwistedAllows(string first, string then, string outcome)
    {
        var producer = new StrictPushProducer();
        Apply(producer, first);

        var act = () => Apply(producer, then);

        if (outcome == "throws")
        {
            act.Should().Throw<InvalidOperationException>();
        }
        else
        {
            act();
            producer.State.Should().Be(outcome);
        }
    }

    private static void Apply(StrictPushProducer producer, string step)
    {
        switch (step)
        {
            case "stop":
                producer.StopProducing();
                break;
            case "pause":
                producer.PauseProducing();
                break;
            case "resume":
                producer.ResumeProducing();
                break;
        }
    }
}
