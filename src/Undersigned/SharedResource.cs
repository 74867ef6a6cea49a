namespace Undersigned;

/// <summary>Marks the one set of resource files (Resources/SharedResource.*.resx) that holds every text people read.</summary>
public sealed class SharedResource;
