namespace Undersigned.Bench.Outbox;

public static class CommandLine
{
    /// <summary>The options, or null after printing why they are wrong (and the usage) to stderr.</summary>
    public static Options? Parse(string[] args)
    {
        try
        {
            return Options.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return null;
        }
    }
}
