using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;

namespace DoiThoai.Tests.Features.Operations;

/// <summary>/health/ready checks the database and the search index, each named in the answer.</summary>
public sealed class ReadinessTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Ready_names_the_database_and_the_search_index_and_live_answers()
    {
        var client = app.CreateClient();
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var report = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        Assert.Equal("Healthy", report["checks"]!["database"]!["status"]!.GetValue<string>());
        Assert.Equal("Healthy", report["checks"]!["search-index"]!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }
}

/// <summary>An app with the Prometheus endpoint on: callers that are not on this machine never see it.</summary>
public sealed class MetricsAppFactory : AppFactory
{
    protected override bool SeedDemo => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Telemetry:Prometheus", "true");
    }
}

public sealed class MetricsNotPublicTests(MetricsAppFactory app) : IClassFixture<MetricsAppFactory>
{
    [Fact]
    public async Task Metrics_are_not_served_to_a_caller_that_is_not_loopback()
    {
        // The test server's requests carry no loopback address, as a request from the network would not.
        var response = await app.CreateClient().GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("http_server_request_duration", await response.Content.ReadAsStringAsync());
    }
}

/// <summary>The real server: /metrics from loopback, and readiness failing when the index cannot be opened.</summary>
public sealed class ServerObservabilityTests(AppProcess app) : IClassFixture<AppProcess>
{
    [Fact]
    public async Task Metrics_from_loopback_carry_request_latency_and_our_queue_gauges_and_a_broken_index_is_not_ready()
    {
        using (var server = await StartWithMetricsAsync())
        {
            var client = server.Client();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
            string metrics = "";
            for (var attempt = 0; attempt < 50 && !(metrics.Contains("doithoai_search_changelog_lag") && metrics.Contains("http_server_request_duration")); attempt++)
            {
                await Task.Delay(200);
                var response = await client.GetAsync("/metrics");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                metrics = await response.Content.ReadAsStringAsync();
            }
            Assert.Contains("http_server_request_duration_seconds", metrics);
            Assert.Contains("doithoai_search_changelog_lag", metrics);
            Assert.Contains("doithoai_email_outbox_pending", metrics);
            await server.KillAsync();
        }

        // The index folder replaced by a file: the node serves, but is not ready, and says why.
        Directory.Delete(Path.Combine(app.DataPath, "search-index"), recursive: true);
        await File.WriteAllTextAsync(Path.Combine(app.DataPath, "search-index"), "not a folder");
        using var broken = await app.StartAsync();
        var probe = broken.Client();
        var ready = await probe.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var report = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        Assert.Equal("Healthy", report["checks"]!["database"]!["status"]!.GetValue<string>());
        Assert.Equal("Unhealthy", report["checks"]!["search-index"]!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/health/live")).StatusCode);
        await broken.KillAsync();
    }

    private Task<AppProcess.Running> StartWithMetricsAsync() =>
        app.StartAsync(new Dictionary<string, string> { ["Telemetry__Prometheus"] = "true" });
}
