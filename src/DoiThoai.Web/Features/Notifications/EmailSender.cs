using System.Globalization;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace DoiThoai.Web.Features.Notifications;

/// <summary>What one round of the sender did.</summary>
public sealed record EmailRun(int Claimed, int Sent, int Failed, int Skipped)
{
    public static readonly EmailRun None = new(0, 0, 0, 0);
}

/// <summary>
/// Sends the pending notification emails over SMTP (MailKit). The notification table is the
/// outbox: a round claims a batch of due rows with one conditional UPDATE (so two nodes never
/// claim the same row), sends them, and marks each Sent, or on failure counts the attempt and
/// schedules the next one with exponential back-off (1, 2, 4 … minutes, at most
/// <see cref="NotificationOptions.MaxBackoffMinutes"/>). A row is never dropped: after
/// <see cref="NotificationOptions.MaxAttempts"/> it is marked Failed and stays for an
/// administrator to see and retry (/Notifications/Outbox). A claim lapses after
/// <see cref="NotificationOptions.LeaseMinutes"/>, so a node that dies mid-round delays its
/// emails but does not lose them.
/// </summary>
public sealed class EmailSender(
    AppDbContext db,
    TimeProvider clock,
    NotificationNode node,
    IOptions<SmtpOptions> smtpOptions,
    IOptions<NotificationOptions> options,
    ILogger<EmailSender> log)
{
    private SmtpOptions Smtp => smtpOptions.Value;
    private DateTime NowUtc => clock.GetUtcNow().UtcDateTime;

    /// <summary>The wait before attempt number <paramref name="failedAttempts"/> + 1: 1, 2, 4 … minutes, capped.</summary>
    public static TimeSpan Backoff(int failedAttempts, int maxMinutes) =>
        TimeSpan.FromMinutes(Math.Min(Math.Pow(2, Math.Clamp(failedAttempts - 1, 0, 30)), Math.Max(1, maxMinutes)));

    public async Task<EmailRun> RunOnceAsync(CancellationToken ct = default)
    {
        // Disabled (the default): pending emails wait in the table until SMTP is configured.
        if (!Smtp.Enabled) return EmailRun.None;

        var now = NowUtc;
        var token = $"{node.Id}/{Guid.NewGuid().ToString("N")[..8]}";
        if (await ClaimAsync(token, now, ct) == 0) return EmailRun.None;
        var mine = await db.Notifications.AsNoTracking()
            .Where(n => n.ClaimedBy == token && n.Email == EmailState.Pending)
            .OrderBy(n => n.Id)
            .Select(n => new Outgoing(n.Id, n.Kind, n.Title, n.Body, n.Link, n.EmailAttempts,
                n.User!.Email, n.User.DisplayName, n.User.EmailDelivery, n.User.IsActive))
            .ToListAsync(ct);
        if (mine.Count == 0) return EmailRun.None;

        int sent = 0, failed = 0, skipped = 0;
        using var client = new SmtpClient { Timeout = Math.Max(1, Smtp.TimeoutSeconds) * 1000 };
        Exception? cannotConnect = null;
        foreach (var row in mine)
        {
            // The preference as it is now: a user may have turned email off since the row was written.
            if (Reroute(row) is { } state)
            {
                await SetStateAsync(row.Id, token, state, ct);
                skipped++;
                continue;
            }
            try
            {
                if (cannotConnect is not null) throw cannotConnect;
                if (!client.IsConnected)
                {
                    try { await ConnectAsync(client, ct); }
                    catch (Exception e) when (e is not OperationCanceledException) { cannotConnect = e; throw; }
                }
                await client.SendAsync(Message(row), ct);
                await MarkSentAsync(row.Id, token, ct);
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                await MarkFailedAsync(row, token, e, ct);
                failed++;
            }
        }
        if (client.IsConnected)
        {
            try { await client.DisconnectAsync(quit: true, ct); }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogDebug(e, "SMTP QUIT failed"); }
        }
        if (failed > 0)
            log.LogWarning("Email: {Sent} sent, {Failed} failed and rescheduled ({Error})", sent, failed, cannotConnect?.Message ?? "see LastError");
        return new EmailRun(mine.Count, sent, failed, skipped);
    }

    /// <summary>
    /// Claims up to a batch of due rows for <paramref name="token"/>. The UPDATE re-checks the
    /// conditions row by row: of two nodes that read the same ids, the second finds them claimed
    /// (PostgreSQL re-evaluates the WHERE on a row another transaction updated; SQLite runs one
    /// writer at a time) and takes none of them — it then reads the next due rows and tries again,
    /// so two busy nodes share the work instead of queueing for the same batch.
    /// </summary>
    private async Task<int> ClaimAsync(string token, DateTime now, CancellationToken ct)
    {
        var batch = Math.Clamp(options.Value.BatchSize, 1, 1000);
        var until = now + TimeSpan.FromMinutes(Math.Max(1, options.Value.LeaseMinutes));
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var due = await db.Notifications.AsNoTracking()
                .Where(n => n.Email == EmailState.Pending
                            && (n.NextAttemptAtUtc == null || n.NextAttemptAtUtc <= now)
                            && (n.ClaimedUntilUtc == null || n.ClaimedUntilUtc < now))
                .OrderBy(n => n.NextAttemptAtUtc).ThenBy(n => n.Id)
                .Select(n => n.Id).Take(batch).ToListAsync(ct);
            if (due.Count == 0) return 0;
            var claimed = await db.Notifications
                .Where(n => due.Contains(n.Id) && n.Email == EmailState.Pending && (n.ClaimedUntilUtc == null || n.ClaimedUntilUtc < now))
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.ClaimedBy, token).SetProperty(n => n.ClaimedUntilUtc, until), ct);
            if (claimed > 0) return claimed;
        }
        return 0;
    }

    private sealed record Outgoing(long Id, NotificationKind Kind, string Title, string Body, string? Link, int Attempts,
        string? Email, string DisplayName, EmailDelivery Delivery, bool IsActive);

    /// <summary>The state a row moves to instead of being sent, or null to send it.</summary>
    private static EmailState? Reroute(Outgoing row)
    {
        if (!row.IsActive || string.IsNullOrWhiteSpace(row.Email)) return EmailState.NotNeeded;
        if (row.Kind == NotificationKind.Digest) return row.Delivery == EmailDelivery.Off ? EmailState.NotNeeded : null;
        return row.Delivery switch
        {
            EmailDelivery.Immediately => null,
            EmailDelivery.DailyDigest => EmailState.InDigest,
            EmailDelivery.Off => EmailState.NotNeeded,
        };
    }

    private async Task ConnectAsync(SmtpClient client, CancellationToken ct)
    {
        // UseTls: STARTTLS when the server offers it, or TLS at once on port 465 (MailKit's Auto).
        await client.ConnectAsync(Smtp.Host, Smtp.Port, Smtp.UseTls ? SecureSocketOptions.Auto : SecureSocketOptions.None, ct);
        if (!string.IsNullOrEmpty(Smtp.UserName))
            await client.AuthenticateAsync(Smtp.UserName, Smtp.Password ?? "", ct);
    }

    private MimeMessage Message(Outgoing row)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(Smtp.FromName, Smtp.From));
        message.To.Add(new MailboxAddress(string.IsNullOrWhiteSpace(row.DisplayName) ? null : row.DisplayName, row.Email!));
        message.Subject = row.Title;
        // One id per notification: a receiving server can tell a resent email from a new one.
        var domain = Smtp.From.Contains('@') ? Smtp.From[(Smtp.From.IndexOf('@') + 1)..] : "doithoai";
        message.MessageId = $"notification-{row.Id}@{domain}";
        message.Date = clock.GetUtcNow();
        var text = row.Body;
        if (row.Link is not null && row.Kind != NotificationKind.Digest) text += $"\n\nXem chi tiết: {Absolute(row.Link)}";
        text += $"\n\n--\nThư này được gửi tự động từ hệ thống DoiThoai; vui lòng không trả lời thư này.\n" +
                $"Chọn cách nhận thông báo (ngay, tổng hợp hằng ngày hoặc không nhận thư): {Absolute("/Account/Preferences")}";
        message.Body = new TextPart("plain") { Text = text };
        return message;
    }

    private string Absolute(string link) =>
        string.IsNullOrWhiteSpace(options.Value.BaseUrl) ? link : options.Value.BaseUrl.TrimEnd('/') + link;

    // Each outcome is written only while this round still holds the claim.
    private Task MarkSentAsync(long id, string token, CancellationToken ct)
    {
        var now = NowUtc;
        return db.Notifications.Where(n => n.Id == id && n.ClaimedBy == token)
            .ExecuteUpdateAsync(s => s
                .SetProperty(n => n.Email, EmailState.Sent)
                .SetProperty(n => n.EmailSentAtUtc, now)
                .SetProperty(n => n.EmailAttempts, n => n.EmailAttempts + 1)
                .SetProperty(n => n.NextAttemptAtUtc, (DateTime?)null)
                .SetProperty(n => n.ClaimedUntilUtc, (DateTime?)null)
                .SetProperty(n => n.LastError, (string?)null), CancellationToken.None);
    }

    private Task MarkFailedAsync(Outgoing row, string token, Exception error, CancellationToken ct)
    {
        var now = NowUtc;
        var attempts = row.Attempts + 1;
        var giveUp = attempts >= Math.Max(1, options.Value.MaxAttempts);
        DateTime? next = giveUp ? null : now + Backoff(attempts, options.Value.MaxBackoffMinutes);
        var message = NotificationRows.Cut($"{now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}Z {error.GetType().Name}: {error.Message}", 2000);
        log.LogDebug(error, "Email for notification {Id} failed (attempt {Attempts})", row.Id, attempts);
        return db.Notifications.Where(n => n.Id == row.Id && n.ClaimedBy == token)
            .ExecuteUpdateAsync(s => s
                .SetProperty(n => n.Email, giveUp ? EmailState.Failed : EmailState.Pending)
                .SetProperty(n => n.EmailAttempts, attempts)
                .SetProperty(n => n.NextAttemptAtUtc, next)
                .SetProperty(n => n.ClaimedUntilUtc, (DateTime?)null)
                .SetProperty(n => n.LastError, message), CancellationToken.None);
    }

    private Task SetStateAsync(long id, string token, EmailState state, CancellationToken ct) =>
        db.Notifications.Where(n => n.Id == id && n.ClaimedBy == token)
            .ExecuteUpdateAsync(s => s
                .SetProperty(n => n.Email, state)
                .SetProperty(n => n.NextAttemptAtUtc, (DateTime?)null)
                .SetProperty(n => n.ClaimedUntilUtc, (DateTime?)null), ct);
}
