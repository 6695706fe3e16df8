using System.Globalization;

namespace Trial.Cli.Running;

/// <summary>A corpus of seeds: one a line; blank lines and <c>#</c> comments are ignored.</summary>
internal static class SeedFile
{
    /// <summary>The seeds in <paramref name="path"/>, in file order, without repeats.</summary>
    /// <exception cref="TrialInputException">The file is missing, empty, or has a line that is not a seed.</exception>
    public static IReadOnlyList<long> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new TrialInputException($"--seeds-from {path}: no such file");
        }

        var seeds = new List<long>();
        var lineNumber = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.Split('#')[0].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (!long.TryParse(line, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed))
            {
                throw new TrialInputException($"--seeds-from {path}: line {lineNumber} is not a seed: '{raw}'");
            }

            seeds.Add(seed);
        }

        return seeds.Count > 0 ? seeds.Distinct().ToList() : throw new TrialInputException($"--seeds-from {path}: the file has no seeds");
    }
}
