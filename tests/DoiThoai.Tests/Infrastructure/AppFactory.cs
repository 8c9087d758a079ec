using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace DoiThoai.Tests.Infrastructure;

/// <summary>
/// The real app over HTTP with a database of its own: a SQLite file in a temporary folder, or a
/// fresh PostgreSQL database on the cluster that test.sh started (DOITHOAI_TEST_PROVIDER=Postgres).
/// The demo data is loaded, and the clock is fixed at 27/11/2026 09:00 Vietnam time.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);
    public const string DemoPassword = "DoiThoai#2017";

    public FakeTimeProvider Clock { get; } = new(Now);
    public string Provider { get; } = Environment.GetEnvironmentVariable("DOITHOAI_TEST_PROVIDER") ?? "Sqlite";

    private readonly string dataPath = Path.Combine(Path.GetTempPath(), "doithoai-tests", Guid.NewGuid().ToString("N"));
    private readonly string? postgresDatabase;
    private readonly string? postgresServer;
    /// <summary>False for a second app node on another factory's database: that one drops it.</summary>
    private readonly bool ownsDatabase = true;

    public AppFactory()
    {
        if (Provider == "Postgres")
        {
            postgresServer = Environment.GetEnvironmentVariable("DOITHOAI_TEST_PG")
                ?? throw new InvalidOperationException("DOITHOAI_TEST_PG is not set; run the tests through ./test.sh.");
            postgresDatabase = "doithoai_t_" + Guid.NewGuid().ToString("N")[..16];
        }
    }

    /// <summary>
    /// A second app node on <paramref name="first"/>'s PostgreSQL database (started first, so the
    /// schema and demo data are there), with its own clock, data folder and services, as another
    /// server would have. It leaves the database to <paramref name="first"/> to drop.
    /// </summary>
    protected AppFactory(AppFactory first)
    {
        if (first.postgresServer is null)
            throw new InvalidOperationException("Two app nodes need a shared server database: run with DOITHOAI_TEST_PROVIDER=Postgres.");
        postgresServer = first.postgresServer;
        postgresDatabase = first.postgresDatabase;
        ownsDatabase = false;
        Clock.SetUtcNow(first.Clock.GetUtcNow());
    }

    /// <summary>
    /// Starts <paramref name="first"/>, then a second node on its database, runs <paramref name="test"/>
    /// on the two and stops both (the second first: the first drops the database).
    /// </summary>
    protected static async Task WithTwoNodesAsync<TNode>(TNode first, Func<TNode, TNode> secondOf, Func<TNode, TNode, Task> test)
        where TNode : AppFactory
    {
        await first.InitializeAsync();
        try
        {
            var second = secondOf(first);
            await second.InitializeAsync();
            try
            {
                await test(first, second);
            }
            finally
            {
                await ((IAsyncLifetime)second).DisposeAsync();
            }
        }
        finally
        {
            await ((IAsyncLifetime)first).DisposeAsync();
        }
    }

    /// <summary>Whether the demo data is loaded at start; a subclass turns it off for an empty database.</summary>
    protected virtual bool SeedDemo => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:DataPath", dataPath);
        builder.UseSetting("Demo:Seed", SeedDemo ? "true" : "false");
        builder.UseSetting("Database:Provider", Provider);
        // Tests run reminders, digests and emails themselves (NotificationJobs.RunOnceAsync) with the fake clock.
        builder.UseSetting("Notifications:BackgroundJobs", "false");
        // Tests sign in and search far faster than a person, all from one address; the rate limits
        // stay on with room to spare, and Features/Security sets low ones to test them.
        foreach (var limit in (string[])["SignInPerAddress", "SignInPerUserName", "SearchPerClient", "SimilarPerClient", "UploadsPerClient"])
            builder.UseSetting("RateLimits:" + limit, "1000000");
        // Tests check a portal page right after a write, on this node or another: no second of grace.
        builder.UseSetting("Portal:VersionSeconds", "0");
        if (postgresServer is not null)
        {
            var cs = new NpgsqlConnectionStringBuilder(postgresServer) { Database = postgresDatabase, Pooling = true };
            builder.UseSetting("ConnectionStrings:Default", cs.ConnectionString);
        }
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public Task InitializeAsync()
    {
        // Starting the server migrates and seeds; do it once here rather than in the first test.
        _ = Server;
        return Task.CompletedTask;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (postgresServer is not null && !ownsDatabase)
        {
            try { Directory.Delete(dataPath, recursive: true); } catch (IOException) { }
        }
        else if (postgresServer is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(postgresServer);
            await conn.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{postgresDatabase}\" WITH (FORCE)", conn);
            await drop.ExecuteNonQueryAsync();
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dataPath, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>A scope to read the database directly when a test checks what was stored.</summary>
    public async Task<T> WithDbAsync<T>(Func<DoiThoai.Web.Data.AppDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<DoiThoai.Web.Data.AppDbContext>());
    }

    /// <summary>A browser-like client without redirects followed, so tests see 302s.</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A browser-like client signed in through the real sign-in form.</summary>
    public async Task<HttpClient> SignedInBrowserAsync(string userName, string password = DemoPassword)
    {
        var client = Browser();
        var form = await Html.GetFormAsync(client, "/Account/Login");
        var response = await client.PostAsync("/Account/Login", form.With(("Input.UserName", userName), ("Input.Password", password)));
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in as {userName} failed: {(int)response.StatusCode}");
        return client;
    }

    /// <summary>An API client holding a bearer token obtained from /api/v1/auth/login.</summary>
    public async Task<HttpClient> ApiClientAsync(string userName, string password = DemoPassword)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    public sealed record TokenResponse(string AccessToken, long ExpiresIn);
}

/// <summary>Reading pages the way a browser does: forms with their antiforgery token, text, links.</summary>
public static class Html
{
    private static readonly HtmlParser Parser = new();

    public static async Task<AngleSharp.Html.Dom.IHtmlDocument> GetDocumentAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}");
        return Parser.ParseDocument(await response.Content.ReadAsStringAsync());
    }

    public static async Task<AngleSharp.Html.Dom.IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        Parser.ParseDocument(await response.Content.ReadAsStringAsync());

    /// <summary>The fields of a form on the page (by CSS selector), ready to post with changes.</summary>
    public static async Task<FormFields> GetFormAsync(HttpClient client, string url, string selector = "main form")
    {
        var document = await GetDocumentAsync(client, url);
        var form = document.QuerySelector(selector) as AngleSharp.Html.Dom.IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{selector}' on {url}");
        return FormFields.From(form);
    }
}

public sealed class FormFields : List<KeyValuePair<string, string>>
{
    public string? Action { get; private init; }

    public static FormFields From(AngleSharp.Html.Dom.IHtmlFormElement form)
    {
        var fields = new FormFields { Action = form.GetAttribute("action") };
        foreach (var input in form.Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>())
        {
            if (string.IsNullOrEmpty(input.Name) || input.Type is "submit" or "button") continue;
            if (input.Type is "checkbox" or "radio" && !input.IsChecked) continue;
            fields.Add(new(input.Name, input.Value));
        }
        foreach (var area in form.Elements.OfType<AngleSharp.Html.Dom.IHtmlTextAreaElement>())
            if (!string.IsNullOrEmpty(area.Name)) fields.Add(new(area.Name, area.Value));
        foreach (var select in form.Elements.OfType<AngleSharp.Html.Dom.IHtmlSelectElement>())
            if (!string.IsNullOrEmpty(select.Name)) fields.Add(new(select.Name, select.Value ?? ""));
        return fields;
    }

    /// <summary>The form with some fields set (replacing any of the same name), as urlencoded content.</summary>
    public FormUrlEncodedContent With(params (string Name, string Value)[] values)
    {
        var names = values.Select(v => v.Name).ToHashSet();
        var all = this.Where(f => !names.Contains(f.Key)).Concat(values.Select(v => new KeyValuePair<string, string>(v.Name, v.Value)));
        return new FormUrlEncodedContent(all);
    }
}
