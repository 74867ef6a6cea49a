using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Undersigned.Features.Delivery;

/// <summary>
/// The package's files as last built, one PDF and one CSV per petition, in a temporary folder of this process: a
/// download whose contents have not changed since (same <see cref="DeliveryCover.Version"/>) gets the same file
/// instead of a new build, and downloads that arrive together wait for one build. Each app instance keeps its own,
/// so several instances build at most once each per change. The folder goes when the app stops.
/// </summary>
public sealed class PackageCache : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("undersigned-delivery-");
    private readonly ConcurrentDictionary<(int Petition, string Kind), Built> built = new();
    private readonly ConcurrentDictionary<(int Petition, string Kind), SemaphoreSlim> building = new();
    private readonly Counter<long> buildCounter;
    private long builds;

    private sealed record Built(string Version, string Path);

    public PackageCache(IMeterFactory meters) =>
        buildCounter = meters.Create("Undersigned.Delivery").CreateCounter<long>("undersigned.delivery.package.builds",
            description: "Delivery package files built (a PDF or a CSV), each once per change of the petition's contents.");

    /// <summary>How many files this instance has built; the same number as the metric.</summary>
    public long Builds => Interlocked.Read(ref builds);

    /// <summary>The file of this version, built with <paramref name="build"/> unless it is already there, open for reading.</summary>
    public async Task<FileStream> OpenAsync(DeliveryCover cover, string kind, Func<Stream, CancellationToken, Task> build,
        CancellationToken ct)
    {
        var key = (cover.PetitionId, kind);
        if (TryOpen(key, cover.Version) is { } ready)
        {
            return ready;
        }
        var gate = building.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            if (TryOpen(key, cover.Version) is { } builtMeanwhile)
            {
                return builtMeanwhile;
            }
            var path = Path.Combine(folder.FullName, $"{cover.PetitionId}-{cover.Version}.{kind}");
            try
            {
                await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
                {
                    await build(file, ct);
                }
            }
            catch
            {
                File.Delete(path);
                throw;
            }
            Interlocked.Increment(ref builds);
            buildCounter.Add(1, new KeyValuePair<string, object?>("kind", kind));
            var opened = Open(path);
            if (built.TryGetValue(key, out var old) && old.Path != path)
            {
                File.Delete(old.Path); // a download still reading it keeps its open handle
            }
            built[key] = new Built(cover.Version, path);
            return opened;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose()
    {
        foreach (var gate in building.Values)
        {
            gate.Dispose();
        }
        try
        {
            folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A download still open on Windows; the temporary folder is the system's to clear.
        }
    }

    private FileStream? TryOpen((int, string) key, string version)
    {
        if (!built.TryGetValue(key, out var file) || file.Version != version)
        {
            return null;
        }
        try
        {
            return Open(file.Path);
        }
        catch (FileNotFoundException)
        {
            return null; // replaced by a newer version between the look-up and the open
        }
    }

    private static FileStream Open(string path) => new(path, FileMode.Open, FileAccess.Read,
        FileShare.Read | FileShare.Delete, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
}
