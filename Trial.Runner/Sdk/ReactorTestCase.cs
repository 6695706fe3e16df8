using System.ComponentModel;
using System.Globalization;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Trial.Runner.Sdk;

/// <summary>
/// One run of a reactor test: a method (with its data row, for a theory) in one mode with one seed. It serializes
/// with its mode and seed, so Test Explorer and <c>dotnet test --filter</c> see and run each case.
/// </summary>
public sealed class ReactorTestCase : XunitTestCase
{
    /// <summary>Initializes an empty instance for the deserializer.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the deserializer; should only be called by deriving classes for deserialization purposes")]
    public ReactorTestCase()
    {
        Variant = new ReactorTestVariant(ReactorMode.Simulated, 0, false, false);
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="diagnosticMessageSink">Where diagnostic messages go.</param>
    /// <param name="defaultMethodDisplay">How to show the method's name.</param>
    /// <param name="defaultMethodDisplayOptions">How to format the method's name.</param>
    /// <param name="testMethod">The test method.</param>
    /// <param name="variant">The mode and seed.</param>
    /// <param name="testMethodArguments">The data row, for a theory.</param>
    public ReactorTestCase(
        IMessageSink diagnosticMessageSink,
        TestMethodDisplay defaultMethodDisplay,
        TestMethodDisplayOptions defaultMethodDisplayOptions,
        ITestMethod testMethod,
        ReactorTestVariant variant,
        object[]? testMethodArguments = null)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod, testMethodArguments)
    {
        ArgumentNullException.ThrowIfNull(variant);
        Variant = variant;
    }

    /// <summary>Gets the mode and seed of this case.</summary>
    public ReactorTestVariant Variant { get; private set; }

    /// <summary>Gets the test's full name as <c>dotnet test --filter "FullyQualifiedName=..."</c> matches it.</summary>
    public string FullyQualifiedName => $"{TestMethod.TestClass.Class.Name}.{TestMethod.Method.Name}";

    /// <inheritdoc/>
    public override Task<RunSummary> RunAsync(IMessageSink diagnosticMessageSink, IMessageBus messageBus, object[] constructorArguments, ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource) =>
        new ReactorTestCaseRunner(this, DisplayName, SkipReason, constructorArguments, TestMethodArguments, messageBus, aggregator, cancellationTokenSource).RunAsync();

    /// <inheritdoc/>
    public override void Serialize(IXunitSerializationInfo data)
    {
        ArgumentNullException.ThrowIfNull(data);
        base.Serialize(data);
        data.AddValue("TrialMode", Variant.Mode.ToString());
        data.AddValue("TrialSeed", Variant.Seed.ToString(CultureInfo.InvariantCulture));
        data.AddValue("TrialShowSeed", Variant.ShowSeed);
        data.AddValue("TrialShowMode", Variant.ShowMode);
    }

    /// <inheritdoc/>
    public override void Deserialize(IXunitSerializationInfo data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Variant = new ReactorTestVariant(
            Enum.Parse<ReactorMode>(data.GetValue<string>("TrialMode")),
            ulong.Parse(data.GetValue<string>("TrialSeed"), CultureInfo.InvariantCulture),
            data.GetValue<bool>("TrialShowSeed"),
            data.GetValue<bool>("TrialShowMode"));
        base.Deserialize(data);
    }

    /// <inheritdoc/>
    protected override string GetDisplayName(IAttributeInfo factAttribute, string displayName)
    {
        string name = base.GetDisplayName(factAttribute, displayName);
        string suffix = Variant.Describe();
        if (suffix.Length == 0)
        {
            return name;
        }

        return TestMethodArguments is { Length: > 0 } && name.EndsWith(')')
            ? $"{name[..^1]}, {suffix})"
            : $"{name}({suffix})";
    }

    /// <inheritdoc/>
    protected override string GetUniqueID() =>
        string.Create(CultureInfo.InvariantCulture, $"{base.GetUniqueID()}-{Variant.Mode}-{Variant.Seed}");
}
