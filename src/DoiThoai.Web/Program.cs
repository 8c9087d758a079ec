using DoiThoai.Web.Cli;
using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Bench;
using DoiThoai.Web.Features.Calendar;
using DoiThoai.Web.Features.Demo;
using DoiThoai.Web.Features.Documents;
using DoiThoai.Web.Features.FollowUp;
using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Items.Import;
using DoiThoai.Web.Features.Notifications;
using DoiThoai.Web.Features.Organisation;
using DoiThoai.Web.Features.PersonalData;
using DoiThoai.Web.Features.Portal;
using DoiThoai.Web.Features.Reports;
using DoiThoai.Web.Features.Routing;
using DoiThoai.Web.Features.Search;
using DoiThoai.Web.Features.Sessions;
using DoiThoai.Web.Features.Similar;

// DoiThoai: contact-and-dialogue sessions and the follow-up of every opinion raised in them.
// This file is the table of contents; each feature registers and maps itself.
var builder = WebApplication.CreateBuilder(args);

builder.AddAppDatabase();      // Data/DatabaseSetup.cs: SQLite or PostgreSQL, health checks
builder.AddProxyHeaders();     // Infrastructure/ProxySetup.cs: client address and scheme from nginx (Proxy:KnownProxies)
builder.AddAccounts();         // Features/Accounts: Identity, cookies for pages, bearer tokens for the API, scope
builder.AddWebUi();            // Infrastructure/WebUiSetup.cs: Razor Pages under Features/, vi-VN and en-US
builder.AddApi();              // Infrastructure/ApiSetup.cs: /api/v1, OpenAPI, problem details
builder.AddRateLimits();       // Infrastructure/RateLimits.cs: sign-in, search, similar items, uploads (429 + Retry-After)
builder.AddNotifications();    // Features/Notifications: notifier, reminders, daily digest, email outbox (MailKit)
builder.AddPortal();           // Features/Portal: articles, editorial workflow, photos, output-cached public pages
builder.AddBench();            // Features/Bench: load-test baselines, routes only when Bench:Endpoints is on
builder.AddObservability();    // Infrastructure/Observability.cs: readiness of the search index; OTLP and /metrics when configured
builder.Services
    .AddScoped<References>()       // Features/Organisation: checks ids sent by forms and the API
    .AddScoped<SessionWorkflow>()  // Features/Sessions: access + entity transitions + save
    .AddSingleton<SessionPageCache>() // Features/Sessions: the session page's data for those who run it, per page version (ADR 0023)
    .AddScoped<ItemWorkflow>()     // Features/Items: the same for items
    .AddScoped<ItemImport>()       // Features/Items/Import: many items into sessions in big batches, one transaction
    .AddSingleton<ImportJobs>()    // Features/Items/Import: sheet imports run off the request, with a progress page
    .AddScoped<Inbox>()            // Features/Items: the handlers' inbox with due-soon and overdue flags
    .AddSingleton<AttachmentStore>() // Features/Items: uploads checked by content, stored by SHA-256 under the data folder
    .AddScoped<TaskWorkflow>()     // Features/FollowUp: the same for the tasks the conclusions become
    .AddScoped<SessionDocuments>() // Features/Documents: minutes, conclusion notice and items summary as Party-format .docx
    .AddScoped<Statistics>()       // Features/Reports: statistics per unit and period in a few grouped queries (ADR 0015)
    .AddScoped<WorkingCalendar>()  // Features/Calendar: working days, holidays and deadline rules
    .AddSingleton<SearchIndex>()   // Features/Search: this node's Lucene index, fed from the change log
    .AddHostedService<SearchCatchUpWorker>() // Features/Search: applies other nodes' changes every second
    .AddScoped<SearchService>()    // Features/Search: tone- and fold-key search within the reader's scope
    .AddScoped<SimilarItems>()     // Features/Similar: near-copies (MinHash/LSH) and reworded items (BM25), verified exactly
    .AddSingleton<RoutingModelCache>() // Features/Routing: the stored routing model, loaded once per node
    .AddScoped<RoutingService>()   // Features/Routing: topic and lead-unit suggestion, trained from the items
    .AddScoped<PersonalDataService>() // Features/PersonalData: export and anonymisation on request, recorded (ADR 0021)
    .AddScoped<DemoSeeder>();      // Features/Demo: the seed story and the 2025 restructuring

var app = builder.Build();

// Operator verbs (migrate, seed-demo …) run and exit instead of serving.
if (OperatorCommands.IsCommand(args))
    return await OperatorCommands.RunAsync(app, args);

await app.PrepareDatabaseAsync();

app.UseProxyHeaders();         // before anything that reads the client's address or scheme
app.UseSecurityHeaders();      // Infrastructure/SecurityHeaders.cs: CSP, HSTS, nosniff, referrer, frames
app.UseWebUi();
app.UseObservability();        // /metrics, loopback only, when Telemetry:Prometheus is on
app.UseAuthentication();
app.UseBearerStampCheck();     // Features/Accounts: API tokens follow role and password changes like cookies
app.UseRateLimiter();          // after authentication: signed-in clients are counted per account
app.UseAuthorization();
app.UseOutputCache();          // after authentication: signed-in requests are never served from the cache
app.MapWebUi();
app.MapPortal();               // Features/Portal: photos, documents, feeds, sitemap.xml, robots.txt
app.MapBench();                // Features/Bench: /bench/plain (and the /bench/layout page) when Bench:Endpoints is on
app.MapApi(api =>
{
    api.MapAccountsApi();
    api.MapOrganisationApi();
    api.MapSessionsApi();
    api.MapItemsApi();
    api.MapNotificationsApi();
    api.MapTasksApi();
    api.MapDocumentsApi();
    api.MapItemSheetApi();       // Features/Items: items.xlsx, a session's items.xlsx
    api.MapOpenDataApi();        // Features/Portal: anonymous open-data CSV of the public items
    api.MapSearchApi();
    api.MapSimilarApi();
    api.MapRoutingApi();
    api.MapReportsApi();
});

await app.RunAsync();
return 0;

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
