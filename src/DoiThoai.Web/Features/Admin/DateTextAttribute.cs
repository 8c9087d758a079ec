using System.ComponentModel.DataAnnotations;

namespace DoiThoai.Web.Features.Admin;

/// <summary>
/// A day typed into a form. Date inputs send 2017-09-08; a browser without a date picker shows a
/// text box where people type 08/09/2017, day first. The forms bind dates as text and parse them
/// here rather than letting MVC bind a DateOnly: MVC marks date inputs "invariant" and would read
/// 08/09/2017 as 9 August, and its message for a bad value is English.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DateTextAttribute : ValidationAttribute
{
    public DateTextAttribute() => ErrorMessage = Shared.FormValues.BadDateMessage;

    public override bool IsValid(object? value) =>
        value is not string text || string.IsNullOrWhiteSpace(text) || Parse(text) is not null;

    /// <summary>The day, or null for an empty or unreadable value (the attribute has already refused the latter).</summary>
    public static DateOnly? Parse(string? text) => Shared.FormValues.TryDate(text);
}
