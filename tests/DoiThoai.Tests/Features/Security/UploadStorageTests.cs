using System.Net;
using System.Security.Cryptography;
using DoiThoai.Tests.Features.Items;
using DoiThoai.Tests.Features.Portal;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DoiThoai.Tests.Features.Security;

/// <summary>
/// Uploads are kept in the data folder, outside wwwroot: no static path reaches them, only the
/// endpoints that check who may read them.
/// </summary>
public sealed class UploadStorageTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task An_attachment_and_a_photo_are_stored_outside_wwwroot_and_not_served_as_static_files()
    {
        var environment = app.Services.GetRequiredService<IWebHostEnvironment>();
        var webRoot = Path.GetFullPath(environment.WebRootPath);
        var dataPath = Path.GetFullPath(app.Services.GetRequiredService<IConfiguration>()["Storage:DataPath"]!);
        Assert.False(dataPath.StartsWith(webRoot, StringComparison.Ordinal), $"{dataPath} is inside {webRoot}");
        var webRootFiles = Directory.GetFiles(webRoot, "*", SearchOption.AllDirectories).Length;

        // An attachment, through the API.
        var office = await app.ApiClientAsync("vanphong");
        var sessionId = await app.HeldSessionAsync(office);
        var itemId = await ItemFlow.RaiseAsync(office, sessionId, "Đề nghị bổ sung kinh phí sửa nhà văn hóa thôn.");
        await app.ReadyToAssignAsync(office, itemId);
        await office.ActAsync(itemId, "assign", new { leadUnitId = await app.UnitIdAsync(ItemFlow.Organisation), dueOn = "2026-12-31" });
        var handler = await app.ApiClientAsync("bantochuc");
        await handler.ActAsync(itemId, "start");
        var pdf = ItemFlow.Pdf("Biên bản kiểm tra " + Guid.NewGuid());
        await ApiJson.ReadAsync(await ItemFlow.PostApiWithFilesAsync(handler, itemId, "draft-answer", new { answer = "Dự thảo", outcome = "resolved" }, ("bien-ban.pdf", pdf)), HttpStatusCode.OK);
        var attachment = Convert.ToHexStringLower(SHA256.HashData(pdf));

        // A photo, through the portal's edit form.
        var editor = await app.SignedInBrowserAsync("bientap");
        var articleId = await PortalSteps.CreateAsync(editor);
        Assert.Equal(HttpStatusCode.Redirect, (await PortalSteps.UploadPhotoAsync(editor, articleId, PortalSteps.Picture(300, 200), "anh.png", "Hội trường", "Toàn cảnh hội nghị")).StatusCode);
        var photo = await app.WithDbAsync(db => db.ArticlePhotos.Where(p => p.ArticleId == articleId).Select(p => new { p.Id, p.Sha256 }).SingleAsync());

        var stored = Directory.GetFiles(dataPath, "*", SearchOption.AllDirectories);
        Assert.Contains(stored, f => Path.GetFileName(f) == attachment);
        Assert.Contains(stored, f => Path.GetFileName(f).StartsWith(photo.Sha256, StringComparison.Ordinal));
        Assert.Equal(webRootFiles, Directory.GetFiles(webRoot, "*", SearchOption.AllDirectories).Length);

        var reader = app.Browser();
        foreach (var sha in new[] { attachment, photo.Sha256 })
        {
            foreach (var guess in new[] { sha, $"{sha[..2]}/{sha}", $"uploads/{sha[..2]}/{sha}", $"data/uploads/{sha[..2]}/{sha}",
                         $"portal/photos/{sha[..2]}/{sha}.jpg", $"data/portal/photos/{sha[..2]}/{sha}.jpg", $"{sha}.jpg", "uploads/", "../data/uploads/" + sha[..2] + "/" + sha })
            {
                var response = await reader.GetAsync("/" + guess);
                Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest or HttpStatusCode.Redirect,
                    $"/{guess}: {(int)response.StatusCode}");
            }
        }
        // The draft's photo goes only through the endpoint that checks the reader: not to the public yet.
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/Portal/Photo/{photo.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync($"/Portal/Photo/{photo.Id}")).StatusCode);
    }
}
