using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Notifications;
using Microsoft.Extensions.DependencyInjection;
using static DoiThoai.Web.Features.Demo.DemoCodes;

namespace DoiThoai.Tests.Features.Notifications;

/// <summary>
/// The daily digest: from 07:00 Vietnam time, one Digest notification (and one email) per user
/// who chose it, listing the unread notifications of the days before with their links; the rows
/// it covers need no email of their own any more; never twice on one day.
/// </summary>
public sealed class DigestTests : IAsyncLifetime
{
    private readonly TestSmtpServer smtp = new();
    private readonly NotificationsApp app;

    public DigestTests() => app = new NotificationsApp(smtp.Port);

    public async Task InitializeAsync()
    {
        await smtp.StartAsync();
        await app.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)app).DisposeAsync();
        await smtp.DisposeAsync();
    }

    private Task<List<Notification>> DigestsAsync(string userId) =>
        app.NotificationsAsync(q => q.Where(n => n.UserId == userId && n.Kind == NotificationKind.Digest));

    [Fact]
    public async Task The_digest_lists_yesterdays_unread_notifications_once_from_seven_oclock()
    {
        var reader = await app.AddUserAsync("dg_reader", Roles.DepartmentHandler, New.InternalAffairs, delivery: EmailDelivery.DailyDigest);
        var first = await app.AssignAsync(New.InternalAffairs, [], new DateOnly(2027, 1, 15));
        var second = await app.AssignAsync(New.InternalAffairs, [], new DateOnly(2027, 1, 20));
        var third = await app.AssignAsync(New.InternalAffairs, [], new DateOnly(2027, 1, 25));
        var rows = await app.NotificationsAsync(q => q.Where(n => n.UserId == reader));
        Assert.Equal(3, rows.Count);
        Assert.All(rows, n => Assert.Equal(EmailState.InDigest, n.Email));
        // Read in the app before the digest: covered, but not listed.
        var read = rows.Single(n => n.ItemId == second.ItemId);
        await app.WithDbAsync(db => db.Notifications.Where(n => n.Id == read.Id).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAtUtc, DateTime.UtcNow)));

        await app.RunJobsAsync();                           // 27/11 09:00: today's notifications wait for tomorrow
        app.SetVietnamTime(new DateOnly(2026, 11, 28), 6, 59);
        await app.RunJobsAsync();                           // before the digest hour
        Assert.Empty(await DigestsAsync(reader));

        app.SetVietnamTime(new DateOnly(2026, 11, 28), 7, 0);
        var round = await app.RunJobsAsync();
        Assert.True(round.Digests >= 1);
        var digest = Assert.Single(await DigestsAsync(reader));
        Assert.Equal($"digest:{reader}:2026-11-28", digest.DedupKey);
        Assert.Equal("Tổng hợp thông báo ngày 28/11/2026: 2 thông báo chưa đọc", digest.Title);
        Assert.Equal("/Notifications", digest.Link);
        Assert.Contains("Đồng chí có 2 thông báo chưa đọc đến hết Thứ Sáu, 27/11/2026:", digest.Body);
        var unreadTitles = rows.Where(n => n.Id != read.Id).Select(n => n.Title).ToList();
        Assert.Contains($"1. {unreadTitles[0]}\n   https://doithoai.example/Items/{first.ItemId}", digest.Body);
        Assert.Contains($"2. {unreadTitles[1]}\n   https://doithoai.example/Items/{third.ItemId}", digest.Body);
        Assert.DoesNotContain(read.Title, digest.Body);
        Assert.All(await app.NotificationsAsync(q => q.Where(n => rows.Select(r => r.Id).Contains(n.Id))),
            n => Assert.Equal(EmailState.NotNeeded, n.Email));

        // The digest is the one email.
        Assert.Equal(EmailState.Sent, digest.Email);
        var email = Assert.Single(smtp.Received, e => e.To.Contains("dg_reader@doithoai.example"));
        Assert.Equal(digest.Title, email.Subject);
        Assert.Contains($"https://doithoai.example/Items/{third.ItemId}", email.Text);

        // Later the same day, on this node or through the job itself: nothing more.
        app.SetVietnamTime(new DateOnly(2026, 11, 28), 9, 0);
        await app.RunJobsAsync();
        Assert.Equal(0, await app.InScopeAsync(s => s.GetRequiredService<DigestJob>().BuildAsync(new DateOnly(2026, 11, 28))));
        Assert.Single(await DigestsAsync(reader));

        // A notification of the 28th goes into the digest of the 29th, alone.
        var fourth = await app.AssignAsync(New.InternalAffairs, [], new DateOnly(2027, 2, 1));
        app.SetVietnamTime(new DateOnly(2026, 11, 29), 7, 30);
        await app.RunJobsAsync();
        var digests = await DigestsAsync(reader);
        Assert.Equal(2, digests.Count);
        Assert.Equal($"digest:{reader}:2026-11-29", digests[1].DedupKey);
        var links = digests[1].Body.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("https://")).ToList();
        Assert.Equal([$"https://doithoai.example/Items/{fourth.ItemId}"], links);
        Assert.Equal(2, smtp.Received.Count(e => e.To.Contains("dg_reader@doithoai.example")));
    }

    [Fact]
    public async Task Nothing_unread_means_no_digest_and_turning_email_off_covers_the_rows_silently()
    {
        var reader = await app.AddUserAsync("dg_all_read", Roles.DepartmentHandler, New.InternalAffairs, delivery: EmailDelivery.DailyDigest);
        await app.AssignAsync(New.InternalAffairs, [], new DateOnly(2027, 1, 15));
        await app.WithDbAsync(db => db.Notifications.Where(n => n.UserId == reader).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAtUtc, DateTime.UtcNow)));
        var quitter = await app.AddUserAsync("dg_quitter", Roles.DepartmentHandler, New.Inspection, delivery: EmailDelivery.DailyDigest);
        await app.AssignAsync(New.Inspection, [], new DateOnly(2027, 1, 20));
        await app.SetDeliveryAsync("dg_quitter", EmailDelivery.Off);

        app.SetVietnamTime(new DateOnly(2026, 11, 28), 8, 0);
        await app.RunJobsAsync();
        Assert.Empty(await DigestsAsync(reader));
        Assert.Empty(await DigestsAsync(quitter));
        Assert.DoesNotContain(await app.NotificationsAsync(q => q.Where(n => n.UserId == reader || n.UserId == quitter)), n => n.Email == EmailState.InDigest);
        Assert.DoesNotContain(smtp.Received, e => e.To.Any(t => t.StartsWith("dg_")));
    }
}
