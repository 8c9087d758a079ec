using System.Net;
using DoiThoai.Tests.Features.Deployment;
using DoiThoai.Tests.Features.Notifications;
using DoiThoai.Web.Features.Items.Import;
using Microsoft.Extensions.DependencyInjection;
using static DoiThoai.Tests.Features.Items.ItemFlow;
using static DoiThoai.Tests.Features.Sessions.SessionPages;
using static DoiThoai.Tests.Features.Spreadsheets.ItemImportPageTests;

namespace DoiThoai.Tests.Features.Spreadsheets;

/// <summary>
/// A sheet import behind a round-robin proxy: the upload, the confirmation and the progress page
/// each land on either of two nodes sharing one PostgreSQL database and one files folder (ADR 0016, 0020).
/// </summary>
public sealed class ItemImportTwoNodeTests
{
    private static readonly string[] Header = ["Người nêu", "Nội dung"];

    private static async Task SignInAsync(HttpClient browser, string userName)
    {
        var form = await Html.GetFormAsync(browser, "/Account/Login");
        var response = await browser.PostAsync("/Account/Login", form.With(("Input.UserName", userName), ("Input.Password", AppFactory.DemoPassword)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task<(HttpStatusCode Status, string? Location, string Text)> AnswerAsync(Task<HttpResponseMessage> request)
    {
        var response = await request;
        return (response.StatusCode, response.Headers.Location?.OriginalString, await response.Content.ReadAsStringAsync());
    }

    [PostgresFact]
    public Task Uploaded_on_one_node_confirmed_on_the_other_progress_on_both_and_imported_once() =>
        ClusterNode.WithTwoNodesAsync(async (a, b) =>
        {
            var jar = new CookieContainer();
            var onA = a.Browser(jar);
            var onB = b.Browser(jar);
            await SignInAsync(onA, "vanphong");
            var sessionId = await a.HeldSessionAsync(await a.ApiClientAsync("vanphong"));
            Task<int> ItemCountAsync() => a.WithDbAsync(db => db.Items.CountAsync(i => i.SessionId == sessionId));
            var texts = new[] { Unique("Ý kiến thứ nhất qua hai nút"), Unique("Ý kiến thứ hai qua hai nút"), Unique("Ý kiến thứ ba qua hai nút") };

            // Upload and preview on A; the file waits in the shared folder.
            var upload = await UploadAsync(onA, sessionId, XlsxBook.Xlsx([Header, .. texts.Select(t => new[] { "Đảng viên thôn Đông", t })]), "hai-nut.xlsx");
            Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
            var preview = await Html.ParseAsync(upload);

            // Confirmed on B, which reads the file A received and runs the job.
            var confirmed = await ConfirmAsync(onB, preview);
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
            var progressUrl = confirmed.Headers.Location!.OriginalString;
            Assert.Equal(HttpStatusCode.OK, (await onA.GetAsync(progressUrl)).StatusCode);
            await b.Services.GetRequiredService<ImportJobs>().WhenFinished(JobId(progressUrl));

            // Either node tells the outcome from the job's row.
            foreach (var node in new[] { onA, onB })
            {
                var progress = await node.GetAsync(progressUrl);
                Assert.False(progress.Headers.Contains("Refresh"));
                Assert.Contains("Đã nhập 3 ý kiến vào hội nghị.", (await Html.ParseAsync(progress)).QuerySelector(".flash")!.TextContent);
            }
            var job = await a.WithDbAsync(db => db.ImportJobs.SingleAsync(j => j.SessionId == sessionId));
            Assert.Equal((ImportJobState.Done, 3, 3, 3), (job.State, job.Total, job.RowsRead, job.Imported));
            Assert.Equal(texts, await a.WithDbAsync(db => db.Items.Where(i => i.SessionId == sessionId).OrderBy(i => i.Number).Select(i => i.Text).ToListAsync()));

            // Confirming again on A finds the file gone; another user sees no job on either node.
            var again = await ConfirmAsync(onA, preview);
            Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
            Assert.Contains("Tệp đã tải lên không còn", await again.Content.ReadAsStringAsync());
            var otherJar = new CookieContainer();
            await SignInAsync(b.Browser(otherJar), "lanhdao");
            Assert.Equal(HttpStatusCode.NotFound, (await a.Browser(otherJar).GetAsync(progressUrl)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await b.Browser(otherJar).GetAsync(progressUrl)).StatusCode);
            Assert.Equal(3, await ItemCountAsync());

            // The same preview confirmed on both nodes at once (a double click split by the proxy):
            // the job's key lets one import run; the other answer leads to it or finds the file gone.
            var second = await Html.ParseAsync(await UploadAsync(onB, sessionId,
                XlsxBook.Xlsx(Header, ["Đảng viên thôn Tây", Unique("Ý kiến gửi hai lần")], ["Đảng viên thôn Tây", Unique("Ý kiến gửi hai lần nữa")]), "hai-lan.xlsx"));
            var answers = await Task.WhenAll(AnswerAsync(ConfirmAsync(onA, second)), AnswerAsync(ConfirmAsync(onB, second)));
            var redirects = answers.Where(r => r.Status == HttpStatusCode.Redirect).Select(r => r.Location!).Distinct().ToList();
            Assert.Single(redirects);
            Assert.All(answers.Where(r => r.Status != HttpStatusCode.Redirect), r =>
            {
                Assert.Equal(HttpStatusCode.BadRequest, r.Status);
                Assert.Contains("Tệp đã tải lên không còn", r.Text);
            });
            await Task.WhenAll(a.Services.GetRequiredService<ImportJobs>().WhenFinished(JobId(redirects[0])),
                b.Services.GetRequiredService<ImportJobs>().WhenFinished(JobId(redirects[0])));
            Assert.Contains("Đã nhập 2 ý kiến vào hội nghị.", await (await onA.GetAsync(redirects[0])).Content.ReadAsStringAsync());
            Assert.Equal(5, await ItemCountAsync());
            Assert.Equal(2, await a.WithDbAsync(db => db.ImportJobs.CountAsync(j => j.SessionId == sessionId)));
        });
}
