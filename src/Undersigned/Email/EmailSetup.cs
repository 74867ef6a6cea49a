namespace Undersigned.Email;

public static class EmailSetup
{
    /// <summary>The outbox dispatcher, and SMTP or the development mailbox as <see cref="MailTransportChoice"/> decides.</summary>
    public static void AddEmail(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Email");
        builder.Services.Configure<EmailOptions>(section);
        builder.Services.AddSingleton<OutboxSignal>();
        if (MailTransportChoice.UsesSmtp(builder.Configuration))
        {
            builder.Services.AddSingleton<IMailTransport, SmtpTransport>();
        }
        else
        {
            builder.Services.AddSingleton<IMailTransport, DevMailbox>();
        }
        builder.Services.AddSingleton<OutboxMetrics>();
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
