using Microsoft.AspNetCore.Mvc;

namespace Undersigned.Features.Staff;

/// <summary>Where a staff member lands after signing in: where they were going, if it is on this site.</summary>
public static class StaffHome
{
    public static string After(string? returnUrl, IUrlHelper url) =>
        !string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl) ? returnUrl : "/staff";
}
