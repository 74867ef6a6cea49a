using Undersigned.Email;

namespace Undersigned.Features.Manage;

/// <summary>Signer self-service: the private manage link, and getting it again by email.</summary>
public static class ManageFeature
{
    public static void AddManage(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SignatureChoices>();
        builder.Services.AddSingleton<IEmailComposer, ManageLinkEmail>();
        builder.Services.AddSingleton<IEmailComposer, AlreadySignedEmail>();
    }
}
