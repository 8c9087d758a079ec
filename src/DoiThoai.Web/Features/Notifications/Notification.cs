using DoiThoai.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DoiThoai.Web.Features.Notifications;

public enum NotificationKind { Assigned, DueSoon, Overdue, ExtensionDecided, AnswerApproved, SatisfactionRequested, Digest }

/// <summary>How a user wants notifications by email; in-app notifications are always kept.</summary>
public enum EmailDelivery { Immediately, DailyDigest, Off }

public enum EmailState { NotNeeded, Pending, Sent, Failed, InDigest }

/// <summary>
/// One notification to one user: shown in the app (unread until opened) and, per the user's
/// preference, sent by email. It doubles as the email outbox: a row is written in the same
/// transaction as the change it reports, and the sender works through pending rows, so a
/// failing SMTP server delays an email but never loses it.
/// </summary>
public sealed class Notification
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public AppUser? User { get; set; }
    public NotificationKind Kind { get; set; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public string? Link { get; set; }
    public int? ItemId { get; set; }
    public int? TaskId { get; set; }
    /// <summary>Unique when set: a reminder for the same thing on the same day is created once, however many nodes try.</summary>
    public string? DedupKey { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? ReadAtUtc { get; set; }
    public EmailState Email { get; set; }
    public int EmailAttempts { get; set; }
    public DateTime? NextAttemptAtUtc { get; set; }
    /// <summary>A sender claims a row until this time, so two nodes never send the same email.</summary>
    public DateTime? ClaimedUntilUtc { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTime? EmailSentAtUtc { get; set; }
    public string? LastError { get; set; }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> e)
    {
        e.Property(n => n.UserId).HasMaxLength(450);
        e.Property(n => n.Title).HasMaxLength(300);
        e.Property(n => n.Body).HasMaxLength(10_000);
        e.Property(n => n.Link).HasMaxLength(500);
        e.Property(n => n.DedupKey).HasMaxLength(200);
        e.Property(n => n.ClaimedBy).HasMaxLength(100);
        e.Property(n => n.LastError).HasMaxLength(2000);
        e.HasOne(n => n.User).WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(n => n.DedupKey).IsUnique();
        e.HasIndex(n => new { n.UserId, n.ReadAtUtc });
        e.HasIndex(n => new { n.Email, n.NextAttemptAtUtc });
    }
}

/// <summary>
/// A named lease in the database: the node that holds an unexpired lease runs the job (the
/// reminder scan, the daily digest); the others skip it. Taken with one conditional UPDATE, which
/// both SQLite and PostgreSQL apply atomically.
/// </summary>
public sealed class JobLease
{
    public string Name { get; set; } = "";
    public string? Holder { get; set; }
    public DateTime ExpiresAtUtc { get; set; }
    /// <summary>When the job last finished a run (e.g. the day of the last digest).</summary>
    public DateTime? LastRunAtUtc { get; set; }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> e)
    {
        e.HasKey(l => l.Name);
        e.Property(l => l.Name).HasMaxLength(100);
        e.Property(l => l.Holder).HasMaxLength(100);
    }
}
