namespace Trial.Cli.Targets;

/// <summary>
/// A test assembly to run, and the folder whose <c>.trial/</c> keeps its state: the project's folder
/// when the assembly was built from a project, else the assembly's own folder.
/// </summary>
internal sealed record TestTarget(string AssemblyPath, string StateDirectory);
