using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using DoiThoai.Web.Features.Notifications;
using DoiThoai.Web.Features.Search;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DoiThoai.Web.Infrastructure;

/// <summary>
/// Logs, metrics, traces and health (ADR 0018). Off by default and never to the console:
/// <list type="bullet">
/// <item><c>Logging:Console:FormatterName=json</c> (built into ASP.NET Core) gives one JSON object per log line.</item>
/// <item><c>Telemetry:Otlp:Endpoint</c> (e.g. http://collector:4317) exports traces and metrics over OTLP.</item>
/// <item><c>Telemetry:Prometheus=true</c> serves <c>/metrics</c>, to loopback callers only: a scraper on
/// the same machine (or behind the node's own proxy) reads it, the internet never does.</item>
/// </list>
/// Request rate, latency and errors come from the ASP.NET Core instrumentation
/// (<c>http.server.request.duration</c> by route and status); our own meter adds the queues.
/// </summary>
public static class Observability
{
    public const string MeterName = "DoiThoai";
    public const string MetricsPath = "/metrics";

    public static bool OtlpOn(IConfiguration config) => !string.IsNullOrWhiteSpace(config["Telemetry:Otlp:Endpoint"]);
    public static bool PrometheusOn(IConfiguration config) => config.GetValue("Telemetry:Prometheus", false);

    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        // Ready means: the database answers and this node's search index is open and caught up.
        builder.Services.AddHealthChecks().AddCheck<SearchIndexHealthCheck>("search-index", tags: ["ready"]);
        if (!OtlpOn(config) && !PrometheusOn(config)) return builder;

        builder.Services.AddSingleton<QueueGauges>();
        builder.Services.AddHostedService(s => s.GetRequiredService<QueueGauges>());
        var endpoint = OtlpOn(config) ? new Uri(config["Telemetry:Otlp:Endpoint"]!) : null;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("doithoai", serviceInstanceId: Environment.MachineName))
            .WithMetrics(m =>
            {
                m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation().AddMeter(MeterName);
                if (endpoint is not null) m.AddOtlpExporter(o => o.Endpoint = endpoint);
                if (PrometheusOn(config)) m.AddPrometheusExporter();
            })
            .WithTracing(t =>
            {
                // Probes and scrapes every few seconds would drown the traces worth reading.
                t.AddAspNetCoreInstrumentation(o => o.Filter = http =>
                        !http.Request.Path.StartsWithSegments("/health") && !http.Request.Path.StartsWithSegments(MetricsPath))
                    .AddHttpClientInstrumentation();
                if (endpoint is not null) t.AddOtlpExporter(o => o.Endpoint = endpoint);
            });
        return builder;
    }

    /// <summary>/metrics for loopback callers only; anyone else gets the usual 404.</summary>
    public static WebApplication UseObservability(this WebApplication app)
    {
        if (PrometheusOn(app.Configuration))
            app.UseOpenTelemetryPrometheusScrapingEndpoint(http =>
                http.Request.Path == MetricsPath && http.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip));
        return app;
    }

    /// <summary>/health/ready answers each check by name, so an operator sees which one failed.</summary>
    public static Task WriteReadiness(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(http.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
    }
}

/// <summary>
/// Healthy once this node's index is open and has applied the change log; while a missing index is
/// being built (a fresh node, after a restore) the node is not ready and the build goes on.
/// </summary>
public sealed class SearchIndexHealthCheck(SearchIndex index) : IHealthCheck
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Not cancelled with the probe: a build interrupted at every probe would never finish.
        var catchUp = index.CatchUpAsync(CancellationToken.None);
        try
        {
            await catchUp.WaitAsync(Wait, cancellationToken);
            return HealthCheckResult.Healthy($"change {index.LastChangeId}");
        }
        catch (TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Chỉ mục tìm kiếm đang được dựng. The search index is being built.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Chỉ mục tìm kiếm không dùng được. The search index cannot be used.", e);
        }
    }
}

/// <summary>
/// The queues an operator watches: notification emails waiting to be sent, and how far this node's
/// search index is behind the change log. Read from the database every 15 s by a background round
/// (a scrape must not run queries), reported as observable gauges.
/// </summary>
public sealed class QueueGauges : BackgroundService
{
    private readonly IServiceScopeFactory scopes;
    private readonly SearchIndex index;
    private readonly ILogger<QueueGauges> log;
    private long pendingEmails;
    private long changeLogLag;

    public QueueGauges(IMeterFactory meters, IServiceScopeFactory scopes, SearchIndex index, ILogger<QueueGauges> log)
    {
        this.scopes = scopes;
        this.index = index;
        this.log = log;
        var meter = meters.Create(Observability.MeterName);
        meter.CreateObservableGauge("doithoai.email.outbox.pending", () => Interlocked.Read(ref pendingEmails), "{email}",
            "Notification emails waiting to be sent");
        meter.CreateObservableGauge("doithoai.search.changelog.lag", () => Interlocked.Read(ref changeLogLag), "{change}",
            "Change-log rows this node's search index has not applied yet");
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Repeating.RunAsync(TimeSpan.FromSeconds(15), TimeProvider.System, ReadAsync, log, "Reading the queue lengths failed", stoppingToken);

    private async Task ReadAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Interlocked.Exchange(ref pendingEmails, await db.Notifications.LongCountAsync(n => n.Email == EmailState.Pending, ct));
        var last = await db.SearchChanges.MaxAsync(c => (long?)c.Id, ct) ?? 0;
        Interlocked.Exchange(ref changeLogLag, Math.Max(0, last - Math.Max(0, index.LastChangeId)));
    }
}
