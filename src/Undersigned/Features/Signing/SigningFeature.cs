using Undersigned.Email;

namespace Undersigned.Features.Signing;

/// <summary>
/// Signing a petition: the petition page and its sign form, the rules, the intake that makes a signature durable,
/// its confirmation, the thank-you page, and the links a signer is given (confirmation and manage links).
/// </summary>
public static class SigningFeature
{
    public static void AddSigning(this WebApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<VisitorFields>();
        builder.Services.AddScoped<SignFormSubmission>();
        builder.Services.Configure<SigningOptions>(builder.Configuration.GetSection("Signing"));
        builder.Services.Configure<AbuseOptions>(builder.Configuration.GetSection("Abuse"));
        builder.Services.AddSingleton<AbuseControl>();
        builder.Services.AddSingleton<SignTurns>();
        builder.Services.AddSingleton<IntakeMetrics>();
        builder.Services.Configure<IntakeOptions>(builder.Configuration.GetSection("Intake"));
        builder.Services.AddScoped<SignatureBatchWriter>();
        if (builder.Configuration.GetValue("Intake:Mode", IntakeMode.Batched) == IntakeMode.Batched)
        {
            builder.Services.AddSingleton<BatchedIntake>();
            builder.Services.AddSingleton<ISignatureIntake>(sp => sp.GetRequiredService<BatchedIntake>());
            builder.Services.AddHostedService(sp => sp.GetRequiredService<BatchedIntake>());
        }
        else
        {
            builder.Services.AddScoped<ISignatureIntake, DirectIntake>();
        }
        builder.Services.AddScoped<ConfirmSignature>();
        builder.Services.AddScoped<ManageLinks>();
        builder.Services.AddSingleton<AddressRequestResolver>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AddressRequestResolver>());
        builder.Services.AddSingleton<IEmailComposer, ConfirmationEmail>();
        builder.Services.AddSingleton<UnconfirmedSignatureSweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<UnconfirmedSignatureSweeper>());
    }

    public static void MapSigning(this WebApplication app)
    {
        // Both run after routing and antiforgery (UseWebDefaults), just before the petition page itself.
        app.UseSignTurns();
        app.UsePetitionPageCache();
    }
}
