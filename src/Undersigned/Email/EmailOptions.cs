namespace Undersigned.Email;

/// <summary>Configuration under <c>Email:</c>; <c>Email:Transport</c> chooses where mail goes (<see cref="MailTransportChoice"/>).</summary>
public sealed class EmailOptions
{
    public string From { get; set; } = "Undersigned <petitions@undersigned.invalid>";
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>
    /// Whether this instance sends the outbox's email (true by default). Several instances over one PostgreSQL
    /// database share the sending between them; an instance set to false only takes signatures and queues their
    /// email for the others, as a web instance beside a worker would.
    /// </summary>
    public bool Dispatch { get; set; } = true;

    /// <summary>Rows claimed at once, and how many of them are sent side by side over separate connections.</summary>
    public int BatchSize { get; set; } = 100;

    public int Parallelism { get; set; } = 4;

    /// <summary>How long a claimed row stays with its dispatcher before another may take it over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often an idle dispatcher looks for work written by another instance.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int MaxAttempts { get; set; } = 10;
    public TimeSpan RetryBase { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan RetryMax { get; set; } = TimeSpan.FromHours(2);
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? Username { get; set; }
    public string? Password { get; set; }

    /// <summary>TLS on connect for port 465, STARTTLS otherwise; off only for a relay on the same machine.</summary>
    public bool UseTls { get; set; } = true;
}
