namespace Undersigned.Tests.Infrastructure;

/// <summary>
/// Tests that must not share the process with other tests' work: timing measurements, whose noise would grow, and
/// process-wide metrics, whose counts would mix. xunit runs this collection after the others, one class at a time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "Alone";
}
