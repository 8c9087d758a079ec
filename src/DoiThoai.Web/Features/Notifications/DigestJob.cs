using System.Text;
using Microsoft.Extensions.Options;
using static DoiThoai.Web.Features.Notifications.NotificationRows;

namespace DoiThoai.Web.Features.Notifications;

/// <summary>
/// The daily digest for users who chose it. Once a day, from <see cref="NotificationOptions.DigestHour"/>
/// Vietnam time, each user with notifications waiting for the digest (Email = InDigest, created
/// before today) gets one Digest notification listing the unread ones, title and link each; that
/// notification is the email. The rows it covers are then set to Email = NotNeeded: they need no
/// email of their own, and "Sent" stays reserved for mail that actually left. Rows the user had
/// already read in the app are covered silently, and a user with nothing unread gets no digest.
/// Exactly once across nodes: the "digest" lease normally lets one node do it, and the digest's key
/// "digest:{user}:{yyyy-MM-dd}" is unique, with the digest and the covering of its rows committed
/// together, so a second attempt on the same day changes nothing.
/// </summary>
public sealed class DigestJob(
    AppDbContext db,
    TimeProvider clock,
    JobLeases leases,
    NotificationNode node,
    IOptions<NotificationOptions> options,
    ILogger<DigestJob> log)
{
    public const string LeaseName = "digest";
    /// <summary>Entries listed in one digest; the rest are counted.</summary>
    public const int MaxListed = 100;

    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var local = VietnamTime.ToLocal(now);
        if (local.Hour < Math.Clamp(options.Value.DigestHour, 0, 23)) return 0;
        var today = DateOnly.FromDateTime(local);
        // "Not yet run today" is "last run before today's midnight, Vietnam time".
        if (!await leases.TryAcquireAsync(LeaseName, node.Id, now, TimeSpan.FromMinutes(Math.Max(1, options.Value.LeaseMinutes)), StartOfDayUtc(today), ct))
            return 0;
        try
        {
            var written = await BuildAsync(today, ct);
            await leases.CompleteAsync(LeaseName, node.Id, clock.GetUtcNow().UtcDateTime, ct);
            return written;
        }
        catch
        {
            await leases.ReleaseAsync(LeaseName, node.Id, clock.GetUtcNow().UtcDateTime, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Writes the digests of <paramref name="today"/> (idempotent); returns how many it wrote.</summary>
    public async Task<int> BuildAsync(DateOnly today, CancellationToken ct = default)
    {
        var cutoff = StartOfDayUtc(today);
        var userIds = await db.Notifications.AsNoTracking()
            .Where(n => n.Email == EmailState.InDigest && n.CreatedAtUtc < cutoff)
            .Select(n => n.UserId).Distinct().ToListAsync(ct);
        var written = 0;
        foreach (var userId in userIds.Order(StringComparer.Ordinal))
            if (await DigestForAsync(userId, today, cutoff, ct)) written++;
        if (written > 0) log.LogInformation("Digest of {Day}: {Count} written", today, written);
        return written;
    }

    private async Task<bool> DigestForAsync(string userId, DateOnly today, DateTime cutoff, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Id, u.Email, u.EmailDelivery, u.IsActive }).SingleAsync(ct);
        var rows = await db.Notifications.AsNoTracking()
            .Where(n => n.UserId == userId && n.Email == EmailState.InDigest && n.CreatedAtUtc < cutoff)
            .OrderBy(n => n.CreatedAtUtc).ThenBy(n => n.Id)
            .Select(n => new { n.Id, n.Title, n.Link, n.ReadAtUtc })
            .ToListAsync(ct);
        if (rows.Count == 0) return false;
        var unread = rows.Where(r => r.ReadAtUtc is null).ToList();
        var ids = rows.Select(r => r.Id).ToList();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // A user who turned email off since gets no digest; the rows are covered all the same.
        var write = unread.Count > 0 && user.IsActive && user.EmailDelivery != EmailDelivery.Off;
        if (write)
        {
            var yesterday = today.AddDays(-1);
            var body = new StringBuilder()
                .Append(unread.Count == 1 ? "Đồng chí có 1 thông báo chưa đọc" : $"Đồng chí có {unread.Count} thông báo chưa đọc")
                .Append($" đến hết {Day(yesterday)}:\n");
            var number = 0;
            foreach (var row in unread.Take(MaxListed))
            {
                body.Append($"\n{++number}. {row.Title}");
                if (row.Link is not null) body.Append($"\n   {Absolute(row.Link)}");
            }
            if (unread.Count > MaxListed) body.Append($"\n\n… và {unread.Count - MaxListed} thông báo khác: {Absolute("/Notifications")}");
            // The digest is the email the user asked for, whatever EmailStateFor would say for a DailyDigest user.
            var digest = New(new Recipient(user.Id, user.Email, EmailDelivery.Immediately, 0), NotificationKind.Digest,
                $"Tổng hợp thông báo ngày {Date(today)}: {unread.Count} thông báo chưa đọc",
                body.ToString(), "/Notifications", clock.GetUtcNow().UtcDateTime, dedupKey: DedupKey(userId, today));
            db.Notifications.Add(digest);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
            {
                // Another node wrote today's digest for this user (and covered the rows) first.
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return false;
            }
            finally
            {
                db.Entry(digest).State = EntityState.Detached;
            }
        }
        await db.Notifications.Where(n => ids.Contains(n.Id) && n.Email == EmailState.InDigest)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.Email, EmailState.NotNeeded), ct);
        await transaction.CommitAsync(ct);
        return write;
    }

    public static string DedupKey(string userId, DateOnly day) => $"digest:{userId}:{day:yyyy-MM-dd}";

    private static DateTime StartOfDayUtc(DateOnly day) => VietnamTime.ToUtc(day.ToDateTime(TimeOnly.MinValue));

    private string Absolute(string link) =>
        string.IsNullOrWhiteSpace(options.Value.BaseUrl) ? link : options.Value.BaseUrl.TrimEnd('/') + link;
}
