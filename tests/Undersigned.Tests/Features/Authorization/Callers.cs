namespace Undersigned.Tests.Features.Authorization;

/// <summary>Who knocks: the columns of the authorization matrix.</summary>
public enum Caller
{
    Anonymous,
    Admin,

    /// <summary>An organizer of the organization that owns the route (the petition's lead, or the partner named in it).</summary>
    OrganizerOfOwner,
    OrganizerOfOther,
    PartnerOfOwner,
    PartnerOfOther,

    /// <summary>The owning organization's API key, revoked.</summary>
    RevokedKey,

    /// <summary>A live API key of another organization.</summary>
    OtherOrgsKey,
}

/// <summary>What a caller must get: the page or data, a refusal, or the way to the login form.</summary>
public enum Answer
{
    /// <summary>Served: 200 for reads; for a form post, anything but a refusal (the form again, or a redirect onwards).</summary>
    Allowed,

    /// <summary>302 to /login (pages) for someone not logged in.</summary>
    Login,

    /// <summary>401: an API call without valid credentials.</summary>
    Unauthorized,

    /// <summary>403: logged in, or a valid key, but not allowed here.</summary>
    Forbidden,
}
