using System.ComponentModel.DataAnnotations;
using DoiThoai.Web.Features.Calendar;
using DoiThoai.Web.Features.Items;

namespace DoiThoai.Web.Features.Admin.DeadlineRules;

/// <summary>The deadline rule form; one rule per (kind of item, role), the kind left empty for the general rule.</summary>
public sealed class DeadlineRuleInput
{
    /// <summary>Empty: the rule for every kind that has no rule of its own.</summary>
    public ItemKind? ItemKind { get; set; }

    [Required(ErrorMessage = "Vui lòng chọn đơn vị áp dụng.")]
    public DeadlineRole? Role { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập số ngày.")]
    [Range(1, 365, ErrorMessage = "Số ngày phải là số nguyên từ {1} đến {2}.")]
    public int? Days { get; set; }

    [Required(ErrorMessage = "Vui lòng chọn cách tính ngày.")]
    public bool? WorkingDays { get; set; }

    [StringLength(500, ErrorMessage = "Ghi chú dài quá {1} ký tự.")]
    public string? Note { get; set; }

    public static DeadlineRuleInput From(DeadlineRule r) =>
        new() { ItemKind = r.ItemKind, Role = r.Role, Days = r.Days, WorkingDays = r.WorkingDays, Note = r.Note };

    public async Task ApplyToAsync(DeadlineRule rule, AppDbContext db)
    {
        var kind = ItemKind;
        var role = Role!.Value;
        if (kind is { } k && !Enum.IsDefined(k))
            throw new DomainValidationException(nameof(ItemKind), "Vui lòng chọn loại ý kiến.");
        if (!Enum.IsDefined(role))
            throw new DomainValidationException(nameof(Role), "Vui lòng chọn đơn vị áp dụng.");
        // Checked in code, not only by the unique index: the index does not stop two general rules,
        // because databases treat two empty (NULL) kinds as different.
        if (await db.DeadlineRules.AnyAsync(r => r.ItemKind == kind && r.Role == role && r.Id != rule.Id))
            throw new DomainValidationException(nameof(ItemKind), "Đã có quy định thời hạn cho loại ý kiến và đơn vị này. Hãy sửa quy định đã có.");
        rule.ItemKind = kind;
        rule.Role = role;
        rule.Days = Days!.Value;
        rule.WorkingDays = WorkingDays!.Value;
        rule.Note = AdminText.Clean(Note);
    }
}
