namespace Undersigned.Browser.Tests.Pages;

/// <summary>What a person types into the sign form. Each new signer has an email no one has used yet.</summary>
public sealed record Signer(string FirstName, string LastName, string Email, string Country, string PostalCode)
{
    public static Signer New() => new("Ada", "Okafor", $"ada-{Guid.NewGuid():N}@example.org", "US", "60601");
}
