using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DoiThoai.Web.Features.Calendar;

public enum CalendarDayKind
{
    /// <summary>A public holiday (Tết, 30/4, 1/5, 2/9, Giỗ Tổ Hùng Vương …).</summary>
    Holiday,
    /// <summary>A compensatory or swapped day off that would otherwise be a working day.</summary>
    DayOff,
    /// <summary>A Saturday or Sunday worked to make up for a swapped day off.</summary>
    WorkingDay,
}

/// <summary>
/// An exception to the ordinary week (Monday–Friday working). Holidays, Tết and the Government's
/// yearly day swaps are data an administrator maintains, because they are decided year by year.
/// </summary>
public sealed class CalendarDay
{
    public int Id { get; set; }
    public DateOnly Date { get; set; }
    public CalendarDayKind Kind { get; set; }
    public string Name { get; set; } = "";
}

/// <summary>Who a deadline rule applies to within an assignment.</summary>
public enum DeadlineRole { Lead, CoOperating }

/// <summary>
/// How long a unit has to answer, per kind of item and role: e.g. co-operating units answer in
/// 5 working days, the lead unit in 15; recommendations of the voters' kind within 60 days.
/// A rule with no item kind applies to every kind without a rule of its own.
/// </summary>
public sealed class DeadlineRule
{
    public int Id { get; set; }
    public Items.ItemKind? ItemKind { get; set; }
    public DeadlineRole Role { get; set; }
    public int Days { get; set; }
    /// <summary>Working days on the Vietnamese calendar (true) or calendar days (false).</summary>
    public bool WorkingDays { get; set; } = true;
    public string? Note { get; set; }
}

internal sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> e)
    {
        e.Property(d => d.Name).HasMaxLength(200);
        e.HasIndex(d => d.Date).IsUnique();
    }
}

internal sealed class DeadlineRuleConfiguration : IEntityTypeConfiguration<DeadlineRule>
{
    public void Configure(EntityTypeBuilder<DeadlineRule> e)
    {
        e.Property(r => r.Note).HasMaxLength(500);
        e.HasIndex(r => new { r.ItemKind, r.Role }).IsUnique();
    }
}
