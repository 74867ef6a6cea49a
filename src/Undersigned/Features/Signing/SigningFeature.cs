using Undersigned.Email;

namespace Undersigned.Features.Signing;

public static class SigningFeature
{
    public static void AddSigning(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<SigningOptions>(builder.Configuration.GetSection("Signing"));
        builder.Services.Configure<AbuseOptions>(builder.Configuration.GetSection("Abuse"));
        builder.Services.AddSingleton<AbuseControl>();
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
}
