using DoiThoai.Web.Features.History;
using DoiThoai.Web.Features.Organisation;
using DoiThoai.Web.Features.Sessions;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DoiThoai.Web.Features.FollowUp;

public enum FollowUpStatus { Open, Done, Cancelled }

/// <summary>
/// A direction from the leader's conclusions turned into work for a unit: a deadline, progress in
/// per cent, a dated timeline and sub-tasks. A parent's progress is computed from its children.
/// </summary>
public sealed class FollowUpTask
{
    public int Id { get; set; }
    public int SessionId { get; set; }
    public DialogueSession? Session { get; set; }
    public int? ConclusionId { get; set; }
    public Conclusion? Conclusion { get; set; }
    public int? ParentId { get; set; }
    public FollowUpTask? Parent { get; set; }
    public List<FollowUpTask> Children { get; set; } = [];
    public string Title { get; set; } = "";
    public int OrgUnitId { get; set; }
    public OrgUnit? OrgUnit { get; set; }
    public DateOnly DueOn { get; set; }
    /// <summary>The task's own progress (0–100); for a parent, see <see cref="ComputedProgress"/>.</summary>
    public int Progress { get; set; }
    public FollowUpStatus Status { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? DoneAtUtc { get; set; }
    public List<TaskTimelineEntry> Timeline { get; set; } = [];

    /// <summary>A leaf reports its own progress; a parent the average of its children's (cancelled ones left out).</summary>
    public int ComputedProgress()
    {
        var counted = Children.Where(c => c.Status != FollowUpStatus.Cancelled).ToList();
        return counted.Count == 0 ? Progress : (int)Math.Round(counted.Average(c => c.ComputedProgress()), MidpointRounding.AwayFromZero);
    }
}

/// <summary>A dated line in a task's timeline: what was done, by whom, and the progress then.</summary>
public sealed class TaskTimelineEntry
{
    public long Id { get; set; }
    public int TaskId { get; set; }
    public DateTime AtUtc { get; set; }
    public string? ActorUserId { get; set; }
    public string ActorName { get; set; } = "";
    public int? Progress { get; set; }
    public string Note { get; set; } = "";
}

internal sealed class FollowUpTaskConfiguration : IEntityTypeConfiguration<FollowUpTask>
{
    public void Configure(EntityTypeBuilder<FollowUpTask> e)
    {
        e.ToTable("Tasks");
        e.Property(t => t.Title).HasMaxLength(4000);
        e.HasOne(t => t.Session).WithMany().HasForeignKey(t => t.SessionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(t => t.Conclusion).WithMany().HasForeignKey(t => t.ConclusionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(t => t.Parent).WithMany(t => t.Children).HasForeignKey(t => t.ParentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(t => t.OrgUnit).WithMany().HasForeignKey(t => t.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(t => t.Timeline).WithOne().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(t => t.OrgUnitId);
        e.HasIndex(t => t.SessionId);
    }
}

internal sealed class TaskTimelineConfiguration : IEntityTypeConfiguration<TaskTimelineEntry>
{
    public void Configure(EntityTypeBuilder<TaskTimelineEntry> e)
    {
        e.ToTable("TaskTimeline");
        e.Property(x => x.ActorUserId).HasMaxLength(450);
        e.Property(x => x.ActorName).HasMaxLength(200);
        e.Property(x => x.Note).HasMaxLength(4000);
    }
}
