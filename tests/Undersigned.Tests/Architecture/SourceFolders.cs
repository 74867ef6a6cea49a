namespace Undersigned.Tests.Architecture;

/// <summary>The repository the tests were built from, found from where they run: the folder that holds Undersigned.slnx.</summary>
public static class SourceFolders
{
    public static string Repository { get; } = Find();

    public static string Features => Path.Combine(Repository, "src", "Undersigned", "Features");

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Undersigned.slnx")))
            {
                return folder.FullName;
            }
        }
        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds Undersigned.slnx.");
    }
}
