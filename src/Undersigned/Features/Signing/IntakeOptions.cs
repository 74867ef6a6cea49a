namespace Undersigned.Features.Signing;

public enum IntakeMode
{
    Batched,
    Direct,
}

/// <summary>Configuration under <c>Intake:</c>.</summary>
public sealed class IntakeOptions
{
    public IntakeMode Mode { get; set; } = IntakeMode.Batched;

    /// <summary>Signatures waiting for the writer; past this, new ones are refused at once with 503.</summary>
    public int QueueCapacity { get; set; } = 5_000;

    /// <summary>Most signatures written in one transaction.</summary>
    public int MaxBatchSize { get; set; } = 256;
}
