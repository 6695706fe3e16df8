namespace Trial.Fixtures.Runner;

public sealed class TheoryTests : TestCase
{
    public static TheoryData<Endpoint> Endpoints => [new Endpoint("server", 7)];

    [ReactorTheory(Seed = 5, Seeds = 2)]
    [InlineData("a")]
    public async Task Sweeps_each_row(string row)
    {
        await Task.Delay(TimeSpan.FromSeconds(1), Reactor.TimeProvider);
        row.Should().Be("a");
    }

    [ReactorTheory]
    [MemberData(nameof(Endpoints))]
    public void Takes_data_that_does_not_serialize(Endpoint endpoint) => endpoint.Port.Should().Be(7);

    /// <summary>A row type xunit cannot serialize.</summary>
    /// <param name="Host">The host.</param>
    /// <param name="Port">The port.</param>
    public sealed record Endpoint(string Host, int Port);
}
