using Trial.Cli.Loading;
using Trial.Cli.Model;
using Trial.Cli.Targets;

namespace Trial.Cli.Running;

/// <summary>A test in the run, with the assembly that runs it and the target it came from.</summary>
internal sealed record PlannedTest(XunitAssembly Assembly, TestTarget Target, DiscoveredTest Test);
