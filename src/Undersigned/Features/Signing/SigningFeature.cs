namespace Undersigned.Features.Signing;

public static class SigningFeature
{
    public static void AddSigning(this WebApplicationBuilder builder) =>
        builder.Services.AddScoped<SignPetition>();
}
