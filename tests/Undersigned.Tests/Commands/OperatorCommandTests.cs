using Microsoft.Data.Sqlite;
using Npgsql;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Commands;

/// <summary>The operator commands of the real executable, run as a child process against a fresh database.</summary>
public sealed class OperatorCommandTests(PerDatabase<DatabaseFixture> databases, ITestOutputHelper output)
    : FixtureTest(databases, output)
{
    [Theory, OnEachDatabase]
    public async Task Migrate_creates_the_schema_in_an_empty_database_and_exits_0(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var database = await Fixture.CreateDatabaseAsync();

        var migrated = await RunAsync(database, "migrate");

        Assert.True(migrated.ExitCode == 0, migrated.ToString());
        Assert.Contains("Applied", migrated.StandardOutput, StringComparison.Ordinal);
        var applied = await ScalarAsync(database, "SELECT COUNT(*) FROM \"__EFMigrationsHistory\"");
        Assert.True(applied > 0);
        // The schema is there, and migrate seeds nothing: that is the web server's first start.
        Assert.Equal(0, await ScalarAsync(database, "SELECT COUNT(*) FROM petitions"));
        Assert.Equal(0, await ScalarAsync(database, "SELECT COUNT(*) FROM signatures"));

        // Operators may run it on every deploy: a second run finds nothing to do and still succeeds.
        var again = await RunAsync(database, "migrate");

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("up to date", again.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(applied, await ScalarAsync(database, "SELECT COUNT(*) FROM \"__EFMigrationsHistory\""));
    }

    [Theory, OnEachDatabase]
    public async Task An_unknown_command_exits_2_and_lists_the_commands(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var database = await Fixture.CreateDatabaseAsync();

        var outcome = await RunAsync(database, "mgirate");

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.Contains("Unknown command 'mgirate'", outcome.StandardError, StringComparison.Ordinal);
        Assert.Contains("migrate", outcome.StandardError, StringComparison.Ordinal);
    }

    [Theory, OnEachDatabase]
    public async Task Users_add_makes_a_staff_account_from_a_password_on_standard_input_and_refuses_bad_requests(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var database = await Fixture.CreateDatabaseAsync();

        var added = await UndersignedExecutable.RunWithInputAsync(database, "correct horse battery staple",
            "users", "add", "--email", "crm@daily-kos.example", "--role", "partner", "--org", "daily-kos", "--password-stdin");

        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.Contains("partner of Daily Kos", added.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(1, await ScalarAsync(database,
            "SELECT COUNT(*) FROM staff_users u JOIN staff_user_roles ur ON ur.user_id = u.id "
            + "JOIN staff_roles r ON r.id = ur.role_id JOIN organizations o ON o.id = u.organization_id "
            + "WHERE u.email = 'crm@daily-kos.example' AND r.name = 'partner' AND o.slug = 'daily-kos' AND u.password_hash LIKE 'AQAAAA%'"));
        foreach (var (arguments, says) in new (string[], string)[]
        {
            (["--email", "crm@daily-kos.example", "--role", "partner", "--org", "daily-kos"], "already taken"),
            (["--email", "x@example.org", "--role", "partner", "--org", "no-such-org"], "No organization"),
            (["--email", "x@example.org", "--role", "admin", "--org", "daily-kos"], "leave out --org"),
            (["--email", "x@example.org", "--role", "owner"], "--role"),
        })
        {
            var refused = await UndersignedExecutable.RunWithInputAsync(database, "correct horse battery staple",
                ["users", "add", .. arguments, "--password-stdin"]);
            Assert.True(refused.ExitCode == 2, refused.ToString());
            Assert.Contains(says, refused.StandardError, StringComparison.Ordinal);
        }
        var weak = await UndersignedExecutable.RunWithInputAsync(database, "short", "users", "add", "--email", "y@example.org",
            "--role", "admin", "--password-stdin");
        Assert.True(weak.ExitCode == 2, weak.ToString());
        Assert.Equal(1, await ScalarAsync(database, "SELECT COUNT(*) FROM staff_users"));
    }

    [Theory, OnEachDatabase]
    public async Task A_bare_flag_never_swallows_the_setting_after_it(DatabaseProvider provider)
    {
        await UseAsync(provider);

        string[] args = ["users", "add", "--password-stdin", "--ConnectionStrings:Default=Data Source=x.db"];

        Assert.Equal(["users", "add", "--ConnectionStrings:Default=Data Source=x.db"], Undersigned.Commands.OperatorCommands.ConfigurationArgs(args));
    }

    [Theory, OnEachDatabase]
    public async Task Recount_reports_drift_with_exit_1_and_fixes_it_only_with_fix(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var database = await Fixture.CreateDatabaseAsync();
        Assert.Equal(0, (await RunAsync(database, "migrate")).ExitCode);
        // A signature written past the app, as a hand-made repair would: the counters do not know it.
        await ScalarAsync(database, """
            INSERT INTO petitions (slug, title, target_name, summary, body, goal, status, created_at, locale, counting_policy,
                signature_count, held_count, invalidated_count, paper_count)
            VALUES ('by-hand', 'T', 'X', 'S', 'B', 10, 'Open', '2026-12-01 10:00:00', 'en', 'AtOnce', 1, 0, 0, 0)
            """);
        await ScalarAsync(database, """
            INSERT INTO signatures (petition_id, confirmation_requests, country, created_at, email, first_name, held_for_review,
                last_name, locale, normalized_email, postal_code, show_name_publicly, status, wants_updates)
            SELECT id, 0, 'US', '2026-12-01 10:30:00', 'a@example.org', 'A', FALSE, 'B', 'en', 'a@example.org', '60601', FALSE, 'Counted', FALSE
            FROM petitions WHERE slug = 'by-hand'
            """);

        var reported = await RunAsync(database, "recount");
        Assert.True(reported.ExitCode == 1, reported.ToString());
        Assert.Contains("by-hand: country US was 0, the signatures give 1", reported.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("by-hand: state IL was 0, the signatures give 1", reported.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("by-hand: hour 2026-12-01T10 was 0, the signatures give 1", reported.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, await ScalarAsync(database, "SELECT COUNT(*) FROM signature_counters"));

        var fixedNow = await RunAsync(database, "recount", "--fix");
        Assert.True(fixedNow.ExitCode == 0, fixedNow.ToString());
        Assert.Contains("3 counter(s) drifted; all fixed.", fixedNow.StandardOutput, StringComparison.Ordinal);
        var clean = await RunAsync(database, "recount", "--petition", "by-hand");
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.Contains("Every counter equals the recount.", clean.StandardOutput, StringComparison.Ordinal);
    }

    private async Task<UndersignedExecutable.Outcome> RunAsync(TestDatabase database, params string[] arguments)
    {
        var outcome = await UndersignedExecutable.RunAsync(database, arguments);
        Output.WriteLine($"dotnet Undersigned.dll {string.Join(' ', arguments)}: {outcome}");
        return outcome;
    }

    private static async Task<long> ScalarAsync(TestDatabase database, string sql)
    {
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            await using var sqlite = new SqliteConnection(database.ConnectionString);
            await sqlite.OpenAsync();
            await using var command = new SqliteCommand(sql, sqlite);
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        await using var postgres = new NpgsqlConnection(database.ConnectionString);
        await postgres.OpenAsync();
        await using var query = new NpgsqlCommand(sql, postgres);
        return Convert.ToInt64(await query.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
