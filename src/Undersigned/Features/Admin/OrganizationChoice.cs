namespace Undersigned.Features.Admin;

/// <summary>An organization as a choice in a form.</summary>
public sealed record OrganizationChoice(string Slug, string Name);
