using Undersigned.Email;

namespace Undersigned.Features.Signing;

public static class SigningFeature
{
    public static void AddSigning(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<SigningOptions>(builder.Configuration.GetSection("Signing"));
        builder.Services.AddScoped<SignPetition>();
        builder.Services.AddScoped<ConfirmSignature>();
        builder.Services.AddScoped<ConfirmationRequests>();
        builder.Services.AddSingleton<IEmailComposer, ConfirmationEmail>();
        builder.Services.AddSingleton<UnconfirmedSignatureSweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<UnconfirmedSignatureSweeper>());
    }
}
