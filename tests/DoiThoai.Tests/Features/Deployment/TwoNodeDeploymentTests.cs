using System.Net;
using DoiThoai.Tests.Features.Items;
using DoiThoai.Tests.Features.Notifications;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using static DoiThoai.Tests.Features.Items.ItemFlow;

namespace DoiThoai.Tests.Features.Deployment;

/// <summary>
/// An app node as deployed behind nginx next to another (ADR 0020): its own data folder (search
/// index), the shared database and one shared folder for uploads (Storage:FilesPath).
/// </summary>
public sealed class ClusterNode : AppFactory
{
    private readonly string filesPath;

    public ClusterNode() => filesPath = Path.Combine(Path.GetTempPath(), "doithoai-tests", "shared-" + Guid.NewGuid().ToString("N"));

    public ClusterNode(ClusterNode first) : base(first) => filesPath = first.filesPath;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Storage:FilesPath", filesPath);
    }

    /// <summary>A browser on this node whose cookies are kept in <paramref name="jar"/>, which a browser on another node may share: one address, two servers.</summary>
    public HttpClient Browser(CookieContainer jar) => CreateDefaultClient(new CookieContainerHandler(jar));

    /// <summary>Runs <paramref name="test"/> on two started nodes sharing one PostgreSQL database and one files folder.</summary>
    public static async Task WithTwoNodesAsync(Func<ClusterNode, ClusterNode, Task> test)
    {
        var first = new ClusterNode();
        try
        {
            await WithTwoNodesAsync(first, f => new ClusterNode(f), test);
        }
        finally
        {
            try { Directory.Delete(first.filesPath, recursive: true); } catch (DirectoryNotFoundException) { }
        }
    }
}

/// <summary>
/// What a load balancer in front of two nodes needs: any request may land on either node. (That a
/// reminder is sent once when both run the jobs: Notifications/TwoNodeTests; that output-cached
/// portal pages and the search index follow writes on the other node: PortalTwoNodeTests, SearchTwoNodeTests.)
/// </summary>
public sealed class TwoNodeDeploymentTests
{
    private static async Task<HttpResponseMessage> SignInAsync(HttpClient formFrom, HttpClient postTo, string userName)
    {
        var form = await Html.GetFormAsync(formFrom, "/Account/Login");
        return await postTo.PostAsync("/Account/Login", form.With(("Input.UserName", userName), ("Input.Password", AppFactory.DemoPassword)));
    }

    [PostgresFact]
    public Task A_sign_in_and_a_form_token_of_one_node_are_honoured_by_the_other() =>
        ClusterNode.WithTwoNodesAsync(async (a, b) =>
        {
            // The first node created the key ring as it started; the second found it there.
            Assert.Equal(1, await a.WithDbAsync(db => db.DataProtectionKeys.CountAsync()));

            // Signed in on A, the cookie opens B's pages.
            var jar = new CookieContainer();
            var onA = a.Browser(jar);
            var onB = b.Browser(jar);
            Assert.Equal(HttpStatusCode.Redirect, (await onB.GetAsync("/Sessions")).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(onA, onA, "vanphong")).StatusCode);
            var page = await onB.GetAsync("/Sessions");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("/Account/Logout", await page.Content.ReadAsStringAsync());

            // A sign-in form (antiforgery cookie and token) served by A and posted to B: B accepts it and
            // its cookie works on A.
            var otherJar = new CookieContainer();
            var posted = await SignInAsync(a.Browser(otherJar), b.Browser(otherJar), "lanhdao");
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
            Assert.DoesNotContain("/Account/Login", posted.Headers.Location?.OriginalString ?? "");
            Assert.Equal(HttpStatusCode.OK, (await a.Browser(otherJar).GetAsync("/Sessions")).StatusCode);

            // One key ring, in the database; no node keeps keys of its own.
            Assert.True(await a.WithDbAsync(db => db.DataProtectionKeys.CountAsync()) >= 1);
            Assert.Equal(
                await a.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.FriendlyName).OrderBy(n => n).ToListAsync()),
                await b.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.FriendlyName).OrderBy(n => n).ToListAsync()));
        });

    [PostgresFact]
    public Task A_file_uploaded_through_one_node_is_downloaded_through_the_other() =>
        ClusterNode.WithTwoNodesAsync(async (a, b) =>
        {
            var office = await a.ApiClientAsync("vanphong");
            var sessionId = await a.HeldSessionAsync(office);
            var id = await RaiseAsync(office, sessionId, "Ý kiến có tệp đính kèm gửi qua nút thứ nhất");
            await a.ReadyToAssignAsync(office, id);
            await office.ActAsync(id, "assign", new { leadUnitId = await a.UnitIdAsync(Organisation), dueOn = "2026-12-31" });
            var handler = await a.ApiClientAsync("bantochuc");
            await handler.ActAsync(id, "start");
            var pdf = Pdf("Báo cáo gửi qua nút A " + Guid.NewGuid().ToString("N"));
            var item = await ApiJson.ReadAsync(await PostApiWithFilesAsync(handler, id, "draft-answer",
                new { answer = "Dự thảo trả lời", outcome = "resolved" }, ("bao-cao.pdf", pdf)), HttpStatusCode.OK);
            var attachmentId = item["attachments"]![0]!["id"]!.GetValue<int>();

            // Through B: the page download for a browser signed in on B, and the API with A's token.
            var download = await (await b.SignedInBrowserAsync("vanphong")).GetAsync($"/Items/{id}/Attachments/{attachmentId}");
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
            var apiOnB = b.CreateClient();
            apiOnB.DefaultRequestHeaders.Authorization = handler.DefaultRequestHeaders.Authorization;
            var viaApi = await apiOnB.GetAsync($"/api/v1/items/{id}/attachments/{attachmentId}");
            Assert.Equal(HttpStatusCode.OK, viaApi.StatusCode);
            Assert.Equal(pdf, await viaApi.Content.ReadAsByteArrayAsync());
        });
}
