namespace Trial.Tests.Cli;

/// <summary>
/// The trial command's tests run alone: they load fixture assemblies and start worker processes,
/// and some set Trial's environment knobs, which other tests' runners read.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliCollection
{
    public const string Name = "trial command";
}
