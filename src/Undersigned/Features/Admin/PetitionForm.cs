using System.Globalization;
using Undersigned.Data;
using Undersigned.Features.Shared;
using Undersigned.Features.Signing;

namespace Undersigned.Features.Admin;

/// <summary>What staff typed into the petition form, exactly as it arrived: numbers and dates are parsed by the rules.</summary>
public sealed class PetitionForm
{
    public string? Title { get; set; }
    public string? TargetName { get; set; }
    public string? TargetTitle { get; set; }
    public string? TargetEmail { get; set; }
    public string? Summary { get; set; }
    public string? Body { get; set; }
    public string? Goal { get; set; }
    public string? EndsOn { get; set; }
    public string? CountingPolicy { get; set; }
    public string? PartnerOptIns { get; set; }
    public string? Slug { get; set; }

    /// <summary>The lead organization's slug; chosen by an admin when creating, the organizer's own otherwise.</summary>
    public string? Lead { get; set; }

    public static PetitionForm From(Petition petition) => new()
    {
        Title = petition.Title,
        TargetName = petition.TargetName,
        TargetTitle = petition.TargetTitle,
        TargetEmail = petition.TargetEmail,
        Summary = petition.Summary,
        Body = petition.Body,
        Goal = petition.Goal.ToString(CultureInfo.InvariantCulture),
        EndsOn = petition.EndsAt?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        CountingPolicy = petition.CountingPolicy.ToString(),
        PartnerOptIns = petition.PartnerOptIns.ToString(),
        Slug = petition.Slug,
    };
}

/// <summary>A petition form that passed every rule, cleaned.</summary>
public sealed record PetitionValues(
    string Title, string TargetName, string? TargetTitle, string? TargetEmail, string Summary, string Body,
    int Goal, DateTime? EndsAt, CountingPolicy CountingPolicy, PartnerOptInOffer PartnerOptIns, string Slug)
{
    public void ApplyTo(Petition petition)
    {
        (petition.Title, petition.TargetName, petition.TargetTitle, petition.TargetEmail) = (Title, TargetName, TargetTitle, TargetEmail);
        (petition.Summary, petition.Body, petition.Goal, petition.EndsAt) = (Summary, Body, Goal, EndsAt);
        (petition.CountingPolicy, petition.PartnerOptIns, petition.Slug) = (CountingPolicy, PartnerOptIns, Slug);
    }
}

/// <summary>The rules of the petition form. Limits match the columns, so nothing valid fails to store.</summary>
public static class PetitionRules
{
    public const int SlugMax = 80, TitleMax = 200, TargetNameMax = 120, TargetTitleMax = 200, SummaryMax = 2000;
    public const int BodyMax = 50_000, GoalMax = 10_000_000, EndYearsAhead = 10;

    /// <summary>Checks every field; an end date already stored (<paramref name="storedEnd"/>) may stay in the past.</summary>
    public static (PetitionValues? Values, List<(string Field, string Message)> Errors) Check(
        PetitionForm form, DateOnly today, DateTime? storedEnd)
    {
        var errors = new List<(string, string)>();
        string Required(string field, string? typed, int max, string missing, bool multiline = false)
        {
            var text = FormText.Clean(typed);
            var problem = text is null ? missing : FormText.Problem(text, max, multiline);
            if (problem is not null)
            {
                errors.Add((field, problem));
            }
            return text ?? "";
        }
        string? Optional(string field, string? typed, int max)
        {
            var text = FormText.Clean(typed);
            if (FormText.Problem(text, max) is { } problem)
            {
                errors.Add((field, problem));
            }
            return text;
        }

        var title = Required(nameof(form.Title), form.Title, TitleMax, "Enter a title.");
        var targetName = Required(nameof(form.TargetName), form.TargetName, TargetNameMax, "Enter who the petition is addressed to.");
        var targetTitle = Optional(nameof(form.TargetTitle), form.TargetTitle, TargetTitleMax);
        var targetEmail = Optional(nameof(form.TargetEmail), form.TargetEmail, SignatureLimits.Email);
        if (targetEmail is not null && EmailAddresses.Normalize(targetEmail) is null)
        {
            errors.Add((nameof(form.TargetEmail), "Enter an email address such as ceo@example.com, or leave it empty."));
        }
        var summary = Required(nameof(form.Summary), form.Summary, SummaryMax, "Enter a summary.", multiline: true);
        var body = Required(nameof(form.Body), form.Body, BodyMax, "Enter the text of the petition.", multiline: true);
        var goal = 0;
        if (!int.TryParse(FormText.Clean(form.Goal), NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out goal)
            || goal < 1 || goal > GoalMax)
        {
            errors.Add((nameof(form.Goal), $"Enter a whole number of signatures from 1 to {GoalMax:N0}."));
        }
        var endsAt = EndOf(form.EndsOn, today, storedEnd, errors);
        var counting = Choice<CountingPolicy>(form.CountingPolicy);
        if (counting is null)
        {
            errors.Add((nameof(form.CountingPolicy), "Choose when a signature counts."));
        }
        var offer = Choice<PartnerOptInOffer>(form.PartnerOptIns);
        if (offer is null)
        {
            errors.Add((nameof(form.PartnerOptIns), "Choose which organizations the sign form offers to share with."));
        }
        var slug = FormText.Clean(form.Slug);
        if (Slugs.Problem(slug, SlugMax) is { } slugProblem)
        {
            errors.Add((nameof(form.Slug), slugProblem));
        }
        return errors.Count > 0
            ? (null, errors)
            : (new PetitionValues(title, targetName, targetTitle, targetEmail, summary, body, goal, endsAt, counting!.Value, offer!.Value, slug!), errors);
    }

    /// <summary>One of the enum's names exactly: Enum.TryParse would also take numbers and comma-joined names.</summary>
    public static T? Choice<T>(string? typed) where T : struct, Enum =>
        Enum.GetValues<T>().Where(v => v.ToString() == typed).Select(v => (T?)v).FirstOrDefault();

    private static DateTime? EndOf(string? typed, DateOnly today, DateTime? storedEnd, List<(string, string)> errors)
    {
        var text = FormText.Clean(typed);
        if (text is null)
        {
            return null;
        }
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            errors.Add(("EndsOn", "Enter the end date as year-month-day, such as 2027-06-30."));
            return null;
        }
        var endsAt = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        if (endsAt != storedEnd && (day < today || day > today.AddYears(EndYearsAhead)))
        {
            errors.Add(("EndsOn", $"Choose an end date from today to {EndYearsAhead} years ahead."));
        }
        return endsAt;
    }
}
