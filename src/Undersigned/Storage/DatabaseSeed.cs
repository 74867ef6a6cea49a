using Undersigned.Data;

namespace Undersigned.Storage;

/// <summary>
/// Rows a feature puts into the database once its schema is up to date (the demo campaign). The feature registers
/// its seed as a service, so storage runs every seed without naming a feature: <see cref="DatabaseStartup"/> runs
/// them in the order registered, after migrating, while it holds the startup lock.
/// </summary>
public sealed record DatabaseSeed(Func<IServiceProvider, UndersignedDb, Task> RunAsync);
