using Undersigned.Commands;
using Undersigned.Email;
using Undersigned.Features.Admin;
using Undersigned.Features.Delivery;
using Undersigned.Features.Manage;
using Undersigned.Features.Moderation;
using Undersigned.Features.OpenData;
using Undersigned.Features.Organizations;
using Undersigned.Features.Paper;
using Undersigned.Features.Partners;
using Undersigned.Features.Petitions;
using Undersigned.Features.Privacy;
using Undersigned.Features.Signing;
using Undersigned.Features.Staff;
using Undersigned.Features.Updates;
using Undersigned.Hosting;
using Undersigned.Storage;
using Undersigned.Web;

var builder = WebApplication.CreateBuilder(OperatorCommands.ConfigurationArgs(args));

// Storage: SQLite in a data folder by default, PostgreSQL when Database:Provider says so.
builder.AddStorage();

// The web layer: pages, languages, request limits, error pages, security headers.
builder.AddWebDefaults();
builder.Services.AddOpenApi();

// Metrics for operators (Metrics:Enabled): intake, outbox, requests and runtime, scraped by Prometheus.
builder.AddMetrics();

// Email: a transactional outbox, delivered over SMTP or into the development mailbox.
builder.AddEmail();

// Features, each with its services and its endpoints.
builder.AddStaff();
builder.AddPetitions();
builder.AddSigning();
builder.AddManage();
builder.AddAdmin();
builder.AddPartners();
builder.AddDelivery();
builder.AddUpdates();
builder.AddPrivacy();
builder.AddModeration();
builder.AddOpenData();
builder.AddPaperSignatures();

var app = builder.Build();

// Operator commands (`migrate`, ...) run instead of the web server.
if (OperatorCommands.IsCommand(args))
{
    return await app.RunCommandAsync(args);
}

// Outside Development: no web server without its public address and a choice of email transport.
if (!await RequiredSettings.CheckAsync(app))
{
    return RequiredSettings.ExitCode;
}

// Schema up to date, and the seeds the features registered (the demo campaign) run, before the first request.
await app.PrepareDatabaseAsync();

app.UseMetrics();
app.UseWebDefaults();
app.MapOpenApi();
app.MapEmail();
app.MapSigning();
app.MapOpenData();
app.MapOrganizations();
app.MapPartners();
app.MapDelivery();
app.MapUpdates();

await app.RunAsync();
return 0;

public partial class Program;
