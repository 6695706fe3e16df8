using System.Text;
using Trial.Cli.Model;

namespace Trial.Cli.Selection;

/// <summary>
/// Which tests run: <c>--filter</c> patterns (a test runs when its full id matches any; <c>*</c>
/// matches any run of characters, and a pattern without <c>*</c> matches as a substring), then
/// <c>--shard K/N</c>.
/// </summary>
internal static class TestFilter
{
    /// <summary>Whether <paramref name="id"/> matches one of <paramref name="patterns"/> (all match when there are none).</summary>
    public static bool Matches(string id, IReadOnlyList<string> patterns) =>
        patterns.Count == 0 || patterns.Any(p => p.Contains('*', StringComparison.Ordinal) ? Glob(id, p) : id.Contains(p, StringComparison.Ordinal));

    /// <summary>
    /// The shard, 0-based, that the test with <paramref name="id"/> belongs to among <paramref name="count"/>:
    /// FNV-1a over the id's UTF-8 bytes, so the split depends on the name alone, never on the machine,
    /// the order, or which other tests exist. A seed sweep's cases carry their seed in their name,
    /// so a sweep is split by seed.
    /// </summary>
    public static int ShardOf(string id, int count)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(id))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return (int)(hash % (ulong)count);
    }

    // Iterative wildcard match with one backtrack point: O(id * pattern) at worst.
    private static bool Glob(string text, string pattern)
    {
        int t = 0, p = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] != '*' && pattern[p] == text[t])
            {
                t++;
                p++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
