using System.Text;
using FluentAssertions;
using FluentAssertions.Execution;
using FluentAssertions.Primitives;
using Trial.Fakes.Memory;

namespace Trial.Runner;

/// <summary>FluentAssertions for what a <see cref="StringTransport"/> recorded: <c>transport.Should().HaveWritten("PONG\r\n")</c>.</summary>
public sealed class StringTransportAssertions : ReferenceTypeAssertions<StringTransport, StringTransportAssertions>
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="subject">The transport.</param>
    public StringTransportAssertions(StringTransport subject)
        : base(subject)
    {
    }

    /// <inheritdoc/>
    protected override string Identifier => "transport";

    /// <summary>Asserts that everything written so far is exactly <paramref name="expected"/> (compared as bytes).</summary>
    /// <param name="expected">The bytes expected.</param>
    /// <param name="because">Why, for the failure message.</param>
    /// <param name="becauseArgs">Arguments for <paramref name="because"/>.</param>
    /// <returns>The constraint.</returns>
    public AndConstraint<StringTransportAssertions> HaveWritten(byte[] expected, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(expected);
        byte[] written = Subject?.Value() ?? [];
        Execute.Assertion.BecauseOf(because, becauseArgs)
            .ForCondition(written.AsSpan().SequenceEqual(expected))
            .FailWith("Expected {context:transport} to have written {0} ({1} bytes){reason}, but it wrote {2} ({3} bytes).", Show(expected), expected.Length, Show(written), written.Length);
        return new AndConstraint<StringTransportAssertions>(this);
    }

    /// <summary>Asserts that everything written so far is exactly <paramref name="expected"/> in UTF-8.</summary>
    /// <param name="expected">The text expected.</param>
    /// <param name="because">Why, for the failure message.</param>
    /// <param name="becauseArgs">Arguments for <paramref name="because"/>.</param>
    /// <returns>The constraint.</returns>
    public AndConstraint<StringTransportAssertions> HaveWritten(string expected, string because = "", params object[] becauseArgs) =>
        HaveWritten(Encoding.UTF8.GetBytes(expected ?? throw new ArgumentNullException(nameof(expected))), because, becauseArgs);

    /// <summary>Asserts that nothing has been written.</summary>
    /// <param name="because">Why, for the failure message.</param>
    /// <param name="becauseArgs">Arguments for <paramref name="because"/>.</param>
    /// <returns>The constraint.</returns>
    public AndConstraint<StringTransportAssertions> HaveWrittenNothing(string because = "", params object[] becauseArgs) => HaveWritten([], because, becauseArgs);

    private static string Show(byte[] bytes) => Encoding.UTF8.GetString(bytes).ReplaceLineEndings("\\n").Replace("\r", "\\r", StringComparison.Ordinal);
}
