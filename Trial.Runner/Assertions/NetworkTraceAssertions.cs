using FluentAssertions;
using FluentAssertions.Execution;
using FluentAssertions.Primitives;
using Trial.Fakes.Simulation;

namespace Trial.Runner;

/// <summary>FluentAssertions for a simulated network's trace: <c>a.Trace.Should().BeIdenticalTo(b.Trace)</c>.</summary>
public sealed class NetworkTraceAssertions : ReferenceTypeAssertions<NetworkTrace, NetworkTraceAssertions>
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="subject">The trace.</param>
    public NetworkTraceAssertions(NetworkTrace subject)
        : base(subject)
    {
    }

    /// <inheritdoc/>
    protected override string Identifier => "trace";

    /// <summary>Asserts that the trace has the same events as <paramref name="expected"/>, naming the first that differs.</summary>
    /// <param name="expected">The other trace.</param>
    /// <param name="because">Why, for the failure message.</param>
    /// <param name="becauseArgs">Arguments for <paramref name="because"/>.</param>
    /// <returns>The constraint.</returns>
    public AndConstraint<NetworkTraceAssertions> BeIdenticalTo(NetworkTrace expected, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var difference = NetworkTrace.FirstDifference(Subject, expected);
        Execute.Assertion.BecauseOf(because, becauseArgs)
            .ForCondition(difference is null)
            .FailWith("Expected {context:trace} to be identical to the other{reason}, but: {0}", difference?.ToString());
        return new AndConstraint<NetworkTraceAssertions>(this);
    }

    /// <summary>Asserts that some event's readable line contains <paramref name="text"/>.</summary>
    /// <param name="text">Text to look for, such as <c>"connect"</c> or a host name.</param>
    /// <param name="because">Why, for the failure message.</param>
    /// <param name="becauseArgs">Arguments for <paramref name="because"/>.</param>
    /// <returns>The constraint.</returns>
    public AndConstraint<NetworkTraceAssertions> ContainEvent(string text, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(text);
        bool found = Subject.Events.Any(e => e.ToString().Contains(text, StringComparison.Ordinal));
        Execute.Assertion.BecauseOf(because, becauseArgs)
            .ForCondition(found)
            .FailWith("Expected {context:trace} to contain an event with {0}{reason}, but none of its {1} events does; the last are:{2}", text, Subject.Count, Environment.NewLine + string.Join(Environment.NewLine, Subject.Tail(10)));
        return new AndConstraint<NetworkTraceAssertions>(this);
    }
}
