namespace Trial.Cli.Targets;

/// <summary>
/// Turns the command's arguments into test assemblies: a project (<c>.csproj</c>, <c>.fsproj</c>,
/// <c>.vbproj</c>) is built first; an assembly (<c>.dll</c>) is taken as it is; a folder stands for
/// every test project below it (one that sets <c>IsTestProject</c> true or references
/// <c>Microsoft.NET.Test.Sdk</c>, and does not set <c>IsTestProject</c> false), skipping bin and
/// obj folders. No argument means the current folder; a folder that is itself a project's folder
/// means that project.
/// </summary>
internal static class TargetResolver
{
    private static readonly string[] ProjectExtensions = [".csproj", ".fsproj", ".vbproj"];

    /// <summary>Resolves <paramref name="arguments"/> to assemblies, building projects unless <paramref name="noBuild"/>.</summary>
    /// <exception cref="TrialInputException">A path is missing, is not a project, assembly or folder, or a build failed.</exception>
    public static IReadOnlyList<TestTarget> Resolve(IReadOnlyList<string> arguments, string configuration, bool noBuild, TextWriter log)
    {
        var targets = new List<TestTarget>();
        foreach (var argument in arguments.Count == 0 ? ["."] : arguments)
        {
            var path = Path.GetFullPath(argument);
            if (File.Exists(path))
            {
                targets.Add(FromFile(argument, path, configuration, noBuild, log));
            }
            else if (Directory.Exists(path))
            {
                var projects = FindProjects(path);
                if (projects.Count == 0)
                {
                    throw new TrialInputException($"no test project found in or below {argument}");
                }

                targets.AddRange(projects.Select(p => FromProject(p, configuration, noBuild, log)));
            }
            else
            {
                throw new TrialInputException($"{argument}: no such file or folder");
            }
        }

        return targets.DistinctBy(t => t.AssemblyPath).ToList();
    }

    private static TestTarget FromFile(string argument, string path, string configuration, bool noBuild, TextWriter log)
    {
        if (ProjectExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase))
        {
            return FromProject(path, configuration, noBuild, log);
        }

        if (!path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            throw new TrialInputException($"{argument} is neither a project (.csproj) nor a test assembly (.dll)");
        }

        return new TestTarget(path, Path.GetDirectoryName(path)!);
    }

    private static TestTarget FromProject(string project, string configuration, bool noBuild, TextWriter log)
    {
        var directory = Path.GetDirectoryName(project)!;
        if (noBuild)
        {
            var name = Path.GetFileNameWithoutExtension(project);
            var built = Directory.Exists(Path.Combine(directory, "bin", configuration))
                ? Directory.EnumerateFiles(Path.Combine(directory, "bin", configuration), name + ".dll", SearchOption.AllDirectories).FirstOrDefault()
                : null;
            return new TestTarget(
                built ?? throw new TrialInputException($"{project} has no {configuration} build (bin/{configuration}/*/{name}.dll); build it or leave out --no-build", ExitCodes.Failed),
                directory);
        }

        log.Write($"Building {Path.GetRelativePath(Environment.CurrentDirectory, project)} ({configuration})\n");
        return new TestTarget(ProjectBuilder.Build(project, configuration), directory);
    }

    private static List<string> FindProjects(string folder)
    {
        var own = ProjectExtensions.SelectMany(e => Directory.EnumerateFiles(folder, "*" + e)).ToList();
        if (own.Count == 1)
        {
            return own;
        }

        var found = new List<string>();
        var pending = new Stack<string>([folder]);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            found.AddRange(ProjectExtensions.SelectMany(e => Directory.EnumerateFiles(current, "*" + e)).Where(IsTestProject));
            foreach (var child in Directory.EnumerateDirectories(current))
            {
                var name = Path.GetFileName(child);
                if (name is not ("bin" or "obj") && !name.StartsWith('.'))
                {
                    pending.Push(child);
                }
            }
        }

        found.Sort(StringComparer.Ordinal);
        return found;
    }

    private static bool IsTestProject(string project)
    {
        var text = File.ReadAllText(project);
        if (text.Contains("<IsTestProject>false</IsTestProject>", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return text.Contains("<IsTestProject>true</IsTestProject>", StringComparison.OrdinalIgnoreCase)
            || text.Contains("Microsoft.NET.Test.Sdk", StringComparison.OrdinalIgnoreCase);
    }
}
