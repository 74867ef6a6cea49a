namespace Undersigned.Features.Privacy;

/// <summary>Who answers for the data, shown on the privacy page (configuration under <c>Privacy:</c>).</summary>
public sealed class PrivacyOptions
{
    /// <summary>The organization responsible for the signers' data (the data controller); unset, the page says the campaigns' organizations are.</summary>
    public string? Controller { get; set; }

    /// <summary>Where signers write about their data.</summary>
    public string? Contact { get; set; }
}
