using Undersigned.Data;
using Undersigned.Features.Shared;

namespace Undersigned.Features.Admin;

/// <summary>What an admin typed into the organization form, as it arrived.</summary>
public sealed class OrganizationForm
{
    public string? Name { get; set; }
    public string? Slug { get; set; }
    public string? Website { get; set; }
    public string? Description { get; set; }

    public static OrganizationForm From(Organization organization) => new()
    {
        Name = organization.Name,
        Slug = organization.Slug,
        Website = organization.Website,
        Description = organization.Description,
    };
}

/// <summary>The rules of the organization form; limits match the columns.</summary>
public static class OrganizationRules
{
    public const int NameMax = 200, SlugMax = 64, WebsiteMax = 300, DescriptionMax = 1000;

    /// <summary>Checks and cleans the form into <paramref name="organization"/>; the slug only when it is new.</summary>
    public static List<(string Field, string Message)> Check(OrganizationForm form, Organization organization, bool isNew)
    {
        var errors = new List<(string, string)>();
        var name = FormText.Clean(form.Name);
        var nameProblem = name is null ? "Enter the organization’s name."
            : name.Contains('<', StringComparison.Ordinal) || name.Contains('>', StringComparison.Ordinal)
                ? "A name cannot contain < or >; write it as people read it, without HTML."
                : FormText.Problem(name, NameMax);
        if (nameProblem is not null)
        {
            errors.Add((nameof(form.Name), nameProblem));
        }
        var slug = FormText.Clean(form.Slug);
        if (isNew && Slugs.Problem(slug, SlugMax) is { } slugProblem)
        {
            errors.Add((nameof(form.Slug), slugProblem));
        }
        var website = FormText.Clean(form.Website);
        if (website is not null && (FormText.Problem(website, WebsiteMax) is not null
            || !Uri.TryCreate(website, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0))
        {
            errors.Add((nameof(form.Website), $"Enter the full address of the website, starting with https:// (at most {WebsiteMax} characters)."));
        }
        var description = FormText.Clean(form.Description);
        if (FormText.Problem(description, DescriptionMax, multiline: true) is { } descriptionProblem)
        {
            errors.Add((nameof(form.Description), descriptionProblem));
        }
        if (errors.Count == 0)
        {
            (organization.Name, organization.Website, organization.Description) = (name!, website, description);
            organization.Slug = isNew ? slug! : organization.Slug;
        }
        return errors;
    }
}
