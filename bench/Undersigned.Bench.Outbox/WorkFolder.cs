namespace Undersigned.Bench.Outbox;

/// <summary>
/// The folder for databases, logs and pid files: the one given with --work, kept afterwards, or else a new
/// temporary folder, deleted on Dispose.
/// </summary>
public sealed class WorkFolder : IDisposable
{
    private WorkFolder(string path, bool own)
    {
        Path = path;
        Own = own;
    }

    public string Path { get; }

    /// <summary>Made by this run, so deleted by it.</summary>
    public bool Own { get; }

    public static WorkFolder Open(Options options)
    {
        var folder = new WorkFolder(options.WorkDir ?? Directory.CreateTempSubdirectory("undersigned-outbox-bench-").FullName,
            own: options.WorkDir is null);
        // The postgres user has to reach its cluster folder inside.
        File.SetUnixFileMode(folder.Path, (UnixFileMode)Convert.ToInt32("755", 8));
        return folder;
    }

    public void Dispose()
    {
        if (Own)
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
