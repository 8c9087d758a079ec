using System.ComponentModel.DataAnnotations;
using DoiThoai.Web.Features.Organisation;

namespace DoiThoai.Web.Features.Admin.Topics;

/// <summary>The topic form; lengths follow OrganisationConfiguration.</summary>
public sealed class TopicInput
{
    [Required(ErrorMessage = "Vui lòng nhập mã lĩnh vực.")]
    [StringLength(40, ErrorMessage = "Mã dài quá {1} ký tự.")]
    public string? Code { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập tên lĩnh vực.")]
    [StringLength(200, ErrorMessage = "Tên dài quá {1} ký tự.")]
    public string? Name { get; set; }

    [StringLength(200, ErrorMessage = "Tên tiếng Anh dài quá {1} ký tự.")]
    public string? NameEn { get; set; }

    [Range(0, 99_999, ErrorMessage = "Thứ tự hiển thị phải là số nguyên từ {1} đến {2}.")]
    public int? SortOrder { get; set; }

    public static TopicInput From(Topic t) => new() { Code = t.Code, Name = t.Name, NameEn = t.NameEn, SortOrder = t.SortOrder };

    public async Task ApplyToAsync(Topic topic, AppDbContext db)
    {
        var code = AdminText.Clean(Code) ?? "";
        // Checked here for a readable message; the unique index still guards against a race.
        if (await db.Topics.AnyAsync(t => t.Code == code && t.Id != topic.Id))
            throw new DomainValidationException(nameof(Code), "Mã này đã được dùng cho một lĩnh vực khác.");
        topic.Code = code;
        topic.Name = AdminText.Clean(Name) ?? "";
        topic.NameEn = AdminText.Clean(NameEn) ?? "";
        topic.SortOrder = SortOrder ?? 0;
    }
}
