using System.Net;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Architecture;

/// <summary>
/// The route table in docs/architecture.md is the app's: every route the app maps is a row, in the file and feature
/// the row names, and every row is a route; what it says is Development only is not there in Production.
/// </summary>
public sealed class RouteTableTests(PerDatabase<RouteTableApp> apps, ITestOutputHelper output)
    : IntegrationTest<RouteTableApp>(apps, output)
{
    private const string Development = "Development only";
    private const string Bench = "with `Bench:Endpoints=true`";
    private const string NoFolder = "—";

    [Theory, OnDatabase(DatabaseProvider.Sqlite)]
    public async Task Every_route_the_app_maps_is_a_row_of_the_table_and_every_row_is_a_route(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var table = RouteTable.Read();
        var routes = MappedRoutes(App.Services);

        var missing = routes.Where(r => !table.ContainsKey(r.Key)).Select(r => $"| `{r.Key}` | `{r.Value}` |").ToList();
        var extra = table.Keys.Where(route => !routes.ContainsKey(route)).ToList();
        var elsewhere = routes.Where(r => table.TryGetValue(r.Key, out var row) && r.Value is not null && row.Source != r.Value)
            .Select(r => $"{r.Key} is in {r.Value}, not {table[r.Key].Source}").ToList();

        Assert.True(missing.Count + extra.Count + elsewhere.Count == 0,
            $"docs/architecture.md's route table does not match the app.\nRoutes with no row:\n{string.Join("\n", missing)}" +
            $"\nRows with no route:\n{string.Join("\n", extra)}\nRows naming the wrong file:\n{string.Join("\n", elsewhere)}");
    }

    [Fact]
    public void Each_row_names_a_file_there_is_and_the_feature_whose_folder_holds_it()
    {
        foreach (var (route, row) in RouteTable.Read())
        {
            Assert.True(File.Exists(Path.Combine(SourceFolders.Repository, "src", "Undersigned", row.Source)), $"{route}: no file {row.Source}");
            var folders = row.Source.Split('/');
            var feature = folders is ["Features", var name, ..] ? name : folders.Length > 1 ? folders[0] : NoFolder;
            Assert.True(row.Feature == feature, $"{route}: the feature of {row.Source} is {feature}, not {row.Feature}");
        }
    }

    [Theory, OnDatabase(DatabaseProvider.Sqlite)]
    public async Task What_the_table_says_is_for_Development_only_is_not_there_in_Production(DatabaseProvider provider)
    {
        await UseAsync(provider);
        await using var production = Fixture.CreateApp(Fixture.Database, "Production", useKestrel: false,
            settings: new Dictionary<string, string?> { ["App:PublicUrl"] = "https://petitions.example.org", ["Email:Transport"] = "DevMailbox" });
        using var client = production.CreateDefaultClient(new Uri("https://petitions.example.org"), new NoServerErrors());
        var routes = MappedRoutes(production.Services);
        var table = RouteTable.Read();

        var absent = table.Where(r => r.Value.Available == "" && !routes.ContainsKey(r.Key)).Select(r => r.Key).ToList();
        Assert.True(absent.Count == 0, $"Rows said to be always there, not mapped in Production: {string.Join(", ", absent)}");
        var bench = table.Where(r => r.Value.Available == Bench && routes.ContainsKey(r.Key)).Select(r => r.Key).ToList();
        Assert.True(bench.Count == 0, $"Rows said to be for the benchmark, mapped in Production: {string.Join(", ", bench)}");
        foreach (var route in table.Where(r => r.Value.Available == Development).Select(r => r.Key))
        {
            using var response = await client.GetAsync(route);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {route} in Production: {(int)response.StatusCode}");
        }
        Assert.All(table.Values, row => Assert.Contains(row.Available, new[] { "", Development, Bench }));
    }

    /// <summary>Each route pattern the app maps, with the file of its page or handler (null: not the app's own code).</summary>
    private static Dictionary<string, string?> MappedRoutes(IServiceProvider services)
    {
        var routes = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            routes[route] = endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page
                ? page.RelativePath.TrimStart('/')
                : endpoint.Metadata.GetMetadata<MethodInfo>() is { } handler ? FileOf(handler) : null;
        }
        return routes;
    }

    /// <summary>The file a handler's type is in, by the convention that a file is named after its type and its folders after its namespace.</summary>
    private static string? FileOf(MethodInfo handler)
    {
        var type = handler.DeclaringType;
        while (type is { DeclaringType: not null } && type.IsDefined(typeof(CompilerGeneratedAttribute)))
        {
            type = type.DeclaringType;
        }
        if (type?.Assembly != typeof(Program).Assembly || type.Namespace is not { } ns || !ns.StartsWith("Undersigned.", StringComparison.Ordinal))
        {
            return null;
        }
        return string.Join('/', ns["Undersigned.".Length..].Split('.')) + $"/{type.Name}.cs";
    }

    /// <summary>
    /// The rows of the table under "## Routes" in docs/architecture.md: route, file (from src/Undersigned/), the
    /// feature folder holding it (or the top-level folder, or — for Program.cs), and when it is there if not always.
    /// </summary>
    private sealed record RouteTable(string Source, string Feature, string Available)
    {
        public static Dictionary<string, RouteTable> Read()
        {
            var lines = File.ReadAllLines(Path.Combine(SourceFolders.Repository, "docs", "architecture.md"));
            var rows = lines.SkipWhile(line => line != "## Routes").Skip(1).TakeWhile(line => !line.StartsWith("## ", StringComparison.Ordinal))
                .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
                .Select(line => line.Trim('|').Split('|').Select(cell => cell.Trim()).ToArray())
                .ToList();
            Assert.NotEmpty(rows);
            var table = new Dictionary<string, RouteTable>(StringComparer.Ordinal);
            foreach (var cells in rows)
            {
                Assert.True(cells.Length == 4, $"A row of the route table has {cells.Length} cells: {string.Join(" | ", cells)}");
                Assert.True(table.TryAdd(cells[0].Trim('`'), new(cells[1].Trim('`'), cells[2], cells[3])), $"Two rows for {cells[0]}");
            }
            return table;
        }
    }
}

/// <summary>The app in Development, with the benchmark's endpoints on too, so that every route is mapped.</summary>
public sealed class RouteTableApp : AppFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Bench:Endpoints"] = "true" };
}
