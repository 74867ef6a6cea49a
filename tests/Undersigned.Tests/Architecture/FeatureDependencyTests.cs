using System.Text;
using System.Text.RegularExpressions;

namespace Undersigned.Tests.Architecture;

/// <summary>
/// The feature folders under src/Undersigned/Features form layers: a folder may use another only if that one does
/// not use it back, directly or through others. Read from the source itself, so a newcomer can trust the layout.
/// </summary>
public sealed partial class FeatureDependencyTests
{
    [Fact]
    public void No_feature_folder_depends_on_itself_through_another()
    {
        var graph = FeatureGraph.Read(SourceFolders.Features);

        var cycles = graph.Cycles();

        Assert.True(cycles.Count == 0, $"Feature folders that depend on each other:\n{string.Join("\n", cycles)}");
    }

    [Fact]
    public void The_reader_sees_the_references_a_feature_makes()
    {
        // Guards the test above against passing on nothing: the petition page's sign form is Signing's, in its own folder.
        var graph = FeatureGraph.Read(SourceFolders.Features);

        Assert.Contains("Signing", graph.Folders);
        Assert.True(graph.Uses("Signing", "Petitions"));
    }

    /// <summary>
    /// Which feature folder uses which, and where: every <c>Undersigned.Features.X</c> a file names (a using line,
    /// a Razor <c>@using</c> or <c>@model</c>, a fully qualified name, a <c>cref</c>) makes its folder use X, and
    /// so does every view it names by path (<c>"/Features/X/_Partial.cshtml"</c>, a layout) or page it names
    /// (<c>RedirectToPage("/X/Page")</c>, <c>asp-page="/X/Page"</c>). What a file directly under Features/ imports
    /// (the root _ViewImports.cshtml) counts for every folder's views.
    /// </summary>
    private sealed partial class FeatureGraph
    {
        private readonly Dictionary<string, Dictionary<string, SortedSet<string>>> uses = [];

        public IEnumerable<string> Folders => uses.Keys;

        public bool Uses(string folder, string other) => uses[folder].ContainsKey(other);

        public static FeatureGraph Read(string featuresFolder)
        {
            var graph = new FeatureGraph();
            var folders = Directory.GetDirectories(featuresFolder).Select(Path.GetFileName).OfType<string>().ToList();
            foreach (var folder in folders)
            {
                graph.uses[folder] = [];
            }
            var everyView = Directory.GetFiles(featuresFolder, "*.cshtml", SearchOption.TopDirectoryOnly)
                .SelectMany(file => Referenced(file).Select(feature => (File: Path.GetFileName(file), Feature: feature))).ToList();
            foreach (var folder in folders)
            {
                var root = Path.Combine(featuresFolder, folder);
                foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
                             .Concat(Directory.EnumerateFiles(root, "*.cshtml", SearchOption.AllDirectories)))
                {
                    foreach (var feature in Referenced(file))
                    {
                        graph.Add(folder, feature, Path.GetRelativePath(featuresFolder, file));
                    }
                }
                if (Directory.EnumerateFiles(root, "*.cshtml", SearchOption.AllDirectories).Any())
                {
                    foreach (var (file, feature) in everyView)
                    {
                        graph.Add(folder, feature, file);
                    }
                }
            }
            return graph;
        }

        private static IEnumerable<string> Referenced(string file) =>
            FeatureReference().Matches(File.ReadAllText(file)).Select(m => m.Groups["feature"].Value).Distinct();

        private void Add(string folder, string feature, string file)
        {
            if (feature == folder)
            {
                return;
            }
            if (!uses[folder].TryGetValue(feature, out var files))
            {
                uses[folder][feature] = files = new SortedSet<string>(StringComparer.Ordinal);
            }
            files.Add(file.Replace('\\', '/'));
        }

        /// <summary>
        /// Each group of folders that reach each other (a strongly connected component), written as its shortest
        /// cycle through its first folder with the files behind every step, and the rest of the group if larger.
        /// </summary>
        public List<string> Cycles()
        {
            var found = new List<string>();
            var placed = new HashSet<string>();
            foreach (var folder in uses.Keys.Order(StringComparer.Ordinal))
            {
                if (placed.Contains(folder))
                {
                    continue;
                }
                var group = uses.Keys.Where(other => Reaches(folder, other) && Reaches(other, folder)).ToHashSet();
                group.Add(folder);
                placed.UnionWith(group);
                if (group.Count > 1)
                {
                    found.Add(Describe(ShortestCycle(folder), group));
                }
            }
            return found;
        }

        private bool Reaches(string from, string to) => ShortestPath(from, to) is not null;

        /// <summary>The fewest steps from one folder to another (breadth first), or null.</summary>
        private List<string>? ShortestPath(string from, string to)
        {
            var previous = new Dictionary<string, string>();
            var queue = new Queue<string>([from]);
            while (queue.TryDequeue(out var at))
            {
                foreach (var next in uses.GetValueOrDefault(at)?.Keys.Order(StringComparer.Ordinal) ?? Enumerable.Empty<string>())
                {
                    if (next == to)
                    {
                        var path = new List<string> { to, at };
                        while (previous.TryGetValue(path[^1], out var before))
                        {
                            path.Add(before);
                        }
                        path.Reverse();
                        return path;
                    }
                    if (next != from && previous.TryAdd(next, at))
                    {
                        queue.Enqueue(next);
                    }
                }
            }
            return null;
        }

        private List<string> ShortestCycle(string folder) => ShortestPath(folder, folder)!;

        private string Describe(List<string> cycle, HashSet<string> group)
        {
            var text = new StringBuilder(string.Join(" -> ", cycle));
            var others = group.Except(cycle).Order(StringComparer.Ordinal).ToList();
            if (others.Count > 0)
            {
                text.Append($" (and through {string.Join(", ", others)})");
            }
            for (var i = 0; i + 1 < cycle.Count; i++)
            {
                text.Append($"\n  {cycle[i]} uses {cycle[i + 1]} in {string.Join(", ", uses[cycle[i]][cycle[i + 1]])}");
            }
            return text.ToString();
        }

        [GeneratedRegex(@"\bUndersigned\.Features\.(?<feature>\w+)|""/Features/(?<feature>\w+)/|(?:RedirectToPage|AddPageRoute|Page)\(\s*""/(?<feature>\w+)/|asp-page=""/(?<feature>\w+)/")]
        private static partial Regex FeatureReference();
    }
}
