using DoiThoai.Web.Cli;
using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Demo;
using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Notifications;
using DoiThoai.Web.Features.Organisation;
using DoiThoai.Web.Features.Sessions;

// DoiThoai: contact-and-dialogue sessions and the follow-up of every opinion raised in them.
// This file is the table of contents; each feature registers and maps itself.
var builder = WebApplication.CreateBuilder(args);

builder.AddAppDatabase();      // Data/DatabaseSetup.cs: SQLite or PostgreSQL, health checks
builder.AddAccounts();         // Features/Accounts: Identity, cookies for pages, bearer tokens for the API, scope
builder.AddWebUi();            // Infrastructure/WebUiSetup.cs: Razor Pages under Features/, vi-VN and en-US
builder.AddApi();              // Infrastructure/ApiSetup.cs: /api/v1, OpenAPI, problem details
builder.Services
    .AddScoped<References>()       // Features/Organisation: checks ids sent by forms and the API
    .AddScoped<SessionWorkflow>()  // Features/Sessions: access + entity transitions + save
    .AddScoped<ItemWorkflow>()     // Features/Items: the same for items
    .AddScoped<Notifier>()         // Features/Notifications: notifications written with the change they report
    .AddScoped<DemoSeeder>();      // Features/Demo: the seed story and the 2025 restructuring

var app = builder.Build();

// Operator verbs (migrate, seed-demo …) run and exit instead of serving.
if (OperatorCommands.IsCommand(args))
    return await OperatorCommands.RunAsync(app, args);

await app.PrepareDatabaseAsync();

app.UseWebUi();
app.UseAuthentication();
app.UseAuthorization();
app.MapWebUi();
app.MapApi(api =>
{
    api.MapAccountsApi();
    api.MapOrganisationApi();
    api.MapSessionsApi();
    api.MapItemsApi();
});

await app.RunAsync();
return 0;

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
