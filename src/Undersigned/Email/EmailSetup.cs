namespace Undersigned.Email;

public static class EmailSetup
{
    /// <summary>The outbox dispatcher, and SMTP when <c>Email:Smtp:Host</c> is set, else the development mailbox.</summary>
    public static void AddEmail(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Email");
        builder.Services.Configure<EmailOptions>(section);
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<PublicUrls>();
        if (string.IsNullOrWhiteSpace(section["Smtp:Host"]))
        {
            builder.Services.AddSingleton<IMailTransport, DevMailbox>();
        }
        else
        {
            builder.Services.AddSingleton<IMailTransport, SmtpTransport>();
        }
        builder.Services.AddSingleton<OutboxDispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
    }

    /// <summary>The development mailbox's pages, in the Development environment only.</summary>
    public static void MapEmail(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            app.MapDevMailbox();
        }
    }
}
