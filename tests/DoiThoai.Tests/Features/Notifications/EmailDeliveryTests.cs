using System.Net;
using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Notifications;
using static DoiThoai.Web.Features.Demo.DemoCodes;

namespace DoiThoai.Tests.Features.Notifications;

/// <summary>
/// Emails leave through a real SMTP conversation (MailKit) and arrive at a real in-process SMTP
/// server; the clock is the factory's fake one, so back-off is checked to the minute.
/// Each test has its own database, mail server and clock.
/// </summary>
public sealed class EmailDeliveryTests : IAsyncLifetime
{
    private readonly TestSmtpServer smtp = new();
    private readonly NotificationsApp app;

    public EmailDeliveryTests() => app = new NotificationsApp(smtp.Port, ("Notifications:MaxAttempts", "4"));

    public async Task InitializeAsync() => await app.InitializeAsync();

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)app).DisposeAsync();
        await smtp.DisposeAsync();
    }

    private DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    private Task<Notification> RowAsync(long id) => app.WithDbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.Id == id));

    /// <summary>Assigns an item to Ban Tổ chức and returns bantochuc's notification about it.</summary>
    private async Task<Notification> AssignedToBanToChucAsync()
    {
        var (itemId, _) = await app.AssignAsync(New.Organisation, [], new DateOnly(2026, 12, 18));
        var handler = await app.UserIdAsync("bantochuc");
        return Assert.Single(await app.NotificationsAsync(q => q.Where(n => n.ItemId == itemId && n.UserId == handler)));
    }

    /// <summary>Rounds of the sender until nothing due is left (a round takes at most a batch).</summary>
    private async Task SendAllAsync()
    {
        for (var round = 0; round < 20 && (await app.SendEmailsAsync()).Claimed > 0; round++) { }
    }

    [Fact]
    public async Task A_notification_reaches_the_mail_server_with_recipient_subject_and_vietnamese_body()
    {
        await smtp.StartAsync();
        var row = await AssignedToBanToChucAsync();
        Assert.Equal(EmailState.Pending, row.Email);

        var run = await app.SendEmailsAsync();
        Assert.True(run.Sent >= 1, $"sent {run.Sent}, failed {run.Failed}");

        var email = Assert.Single(smtp.Received, e => e.Message.MessageId == $"notification-{row.Id}@tinhuy.example");
        Assert.Equal(["bantochuc@doithoai.example"], email.To);
        Assert.Equal("bantochuc@doithoai.example", Assert.Single(email.Message.To.Mailboxes).Address);
        Assert.Equal("Giáp Văn Long", Assert.Single(email.Message.To.Mailboxes).Name);
        Assert.Equal("doithoai@tinhuy.example", Assert.Single(email.Message.From.Mailboxes).Address);
        Assert.Equal(row.Title, email.Subject);
        Assert.StartsWith($"Giao chủ trì xử lý ý kiến, kiến nghị #{row.ItemId}, hạn 18/12/2026", email.Subject);
        Assert.Contains("được giao chủ trì xử lý ý kiến, kiến nghị", email.Text);
        Assert.Contains("hạn Thứ Sáu, 18/12/2026", email.Text);
        Assert.Contains($"Xem chi tiết: https://doithoai.example/Items/{row.ItemId}", email.Text);
        Assert.Contains("https://doithoai.example/Account/Preferences", email.Text);

        var sent = await RowAsync(row.Id);
        Assert.Equal(EmailState.Sent, sent.Email);
        Assert.Equal(1, sent.EmailAttempts);
        Assert.Equal(Now, sent.EmailSentAtUtc);
        Assert.Null(sent.ClaimedUntilUtc);
        Assert.Null(sent.LastError);

        // Nothing is sent twice.
        var count = smtp.Received.Count;
        await app.SendEmailsAsync();
        Assert.Equal(count, smtp.Received.Count);
    }

    [Fact]
    public async Task While_the_mail_server_is_down_attempts_back_off_and_nothing_is_lost_then_it_is_delivered()
    {
        var row = await AssignedToBanToChucAsync();
        var pending = await app.WithDbAsync(db => db.Notifications.Where(n => n.Email == EmailState.Pending).Select(n => n.Id).ToListAsync());

        // Attempts 1, 2, 3 at the moments the back-off allows: 1 then 2 minutes later.
        var run = await app.SendEmailsAsync();
        Assert.Equal(0, run.Sent);
        Assert.True(run.Failed >= 1);
        var failed = await RowAsync(row.Id);
        Assert.Equal(EmailState.Pending, failed.Email);
        Assert.Equal(1, failed.EmailAttempts);
        Assert.Equal(Now.AddMinutes(1), failed.NextAttemptAtUtc);
        Assert.False(string.IsNullOrWhiteSpace(failed.LastError));
        Assert.Null(failed.ClaimedUntilUtc);

        await app.SendEmailsAsync(); // not due yet
        Assert.Equal(1, (await RowAsync(row.Id)).EmailAttempts);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.SendEmailsAsync();
        failed = await RowAsync(row.Id);
        Assert.Equal(2, failed.EmailAttempts);
        Assert.Equal(Now.AddMinutes(2), failed.NextAttemptAtUtc);

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await app.SendEmailsAsync();
        failed = await RowAsync(row.Id);
        Assert.Equal(3, failed.EmailAttempts);
        Assert.Equal(Now.AddMinutes(4), failed.NextAttemptAtUtc);
        Assert.Empty(smtp.Received);

        // The server comes back: at the next due attempt everything that waited goes out, once.
        await smtp.StartAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(4));
        await SendAllAsync();
        var after = await app.WithDbAsync(db => db.Notifications.Where(n => pending.Contains(n.Id)).ToListAsync());
        Assert.All(after, n => Assert.Equal(EmailState.Sent, n.Email));
        Assert.Equal(pending.Select(id => $"notification-{id}@tinhuy.example").Order(), smtp.Received.Select(e => e.Message.MessageId).Order());
        var delivered = await RowAsync(row.Id);
        Assert.Equal(4, delivered.EmailAttempts);
        Assert.Null(delivered.LastError);
    }

    [Fact]
    public async Task After_the_last_attempt_an_email_is_marked_failed_kept_and_an_administrator_can_send_it_again()
    {
        var row = await AssignedToBanToChucAsync();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await app.SendEmailsAsync();
            app.Clock.Advance(TimeSpan.FromHours(1));
        }
        var given = await RowAsync(row.Id);
        Assert.Equal(EmailState.Failed, given.Email);
        Assert.Equal(4, given.EmailAttempts);
        Assert.Null(given.NextAttemptAtUtc);
        Assert.NotNull(given.LastError);

        // Shown to administrators, who retry it once the server is fixed.
        var handler = await app.SignedInBrowserAsync("bantochuc");
        var denied = await handler.GetAsync("/Notifications/Outbox");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/Account/AccessDenied", denied.Headers.Location!.OriginalString);
        var admin = await app.SignedInBrowserAsync("admin");
        var page = await Html.GetDocumentAsync(admin, "/Notifications/Outbox");
        Assert.Contains(row.Title, page.QuerySelector("main")!.TextContent);
        var retry = await Html.GetFormAsync(admin, "/Notifications/Outbox", "main form.buttons");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync(retry.Action, retry.With())).StatusCode);
        var queued = await RowAsync(row.Id);
        Assert.Equal(EmailState.Pending, queued.Email);
        Assert.Equal(0, queued.EmailAttempts);

        await smtp.StartAsync();
        await app.SendEmailsAsync();
        Assert.Equal(EmailState.Sent, (await RowAsync(row.Id)).Email);
        Assert.Single(smtp.Received, e => e.Message.MessageId == $"notification-{row.Id}@tinhuy.example");
    }

    [Fact]
    public async Task The_preference_at_sending_time_is_respected()
    {
        await smtp.StartAsync();
        var row = await AssignedToBanToChucAsync();
        await app.SetDeliveryAsync("bantochuc", EmailDelivery.Off);
        await app.SendEmailsAsync();
        Assert.Equal(EmailState.NotNeeded, (await RowAsync(row.Id)).Email);

        await app.SetDeliveryAsync("bantochuc", EmailDelivery.Immediately);
        var second = await AssignedToBanToChucAsync();
        await app.SetDeliveryAsync("bantochuc", EmailDelivery.DailyDigest);
        await app.SendEmailsAsync();
        Assert.Equal(EmailState.InDigest, (await RowAsync(second.Id)).Email);
        Assert.DoesNotContain(smtp.Received, e => e.To.Contains("bantochuc@doithoai.example"));
    }

    [Fact]
    public async Task Users_who_chose_no_email_or_have_no_address_get_none()
    {
        await smtp.StartAsync();
        await app.AddUserAsync("ed_off", Roles.DepartmentHandler, New.InternalAffairs, delivery: EmailDelivery.Off);
        await app.AddUserAsync("ed_none", Roles.DepartmentHandler, New.InternalAffairs, email: "");
        var now = await app.AddUserAsync("ed_now", Roles.DepartmentHandler, New.InternalAffairs);
        var (itemId, _) = await app.AssignAsync(New.InternalAffairs, [], new DateOnly(2026, 12, 18));
        await app.SendEmailsAsync();

        var rows = await app.NotificationsAsync(q => q.Where(n => n.ItemId == itemId));
        Assert.Equal(3, rows.Count);
        Assert.Equal(EmailState.Sent, rows.Single(n => n.UserId == now).Email);
        Assert.Equal(2, rows.Count(n => n.Email == EmailState.NotNeeded));
        Assert.Equal(["ed_now@doithoai.example"], smtp.Received.Where(e => e.Subject.Contains($"#{itemId},")).SelectMany(e => e.To));
    }
}
