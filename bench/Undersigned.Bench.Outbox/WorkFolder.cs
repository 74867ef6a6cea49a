namespace Undersigned.Bench.Outbox;

/// <summary>
/// The folder for the SQLite database, logs and pid files (the PostgreSQL cluster has a temp folder of its own): the one given with --work, kept afterwards, or else a new
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
        return new WorkFolder(options.WorkDir ?? Directory.CreateTempSubdirectory("undersigned-outbox-bench-").FullName,
            own: options.WorkDir is null);
    }

    public void Dispose()
    {
        if (Own)
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
