using DoiThoai.Web.Features.Accounts;

namespace DoiThoai.Web.Features.Organisation;

/// <summary>
/// Checks that ids sent by a form or an API call name records that exist and that the caller may
/// use, with a message that names the field. Shared by every feature that takes such ids.
/// </summary>
public sealed class References(AppDbContext db, UserScope scope)
{
    public async Task<Topic> TopicAsync(int id, string field = "topicId") =>
        await db.Topics.SingleOrDefaultAsync(t => t.Id == id && t.IsActive)
        ?? throw new DomainValidationException(field, "Lĩnh vực không tồn tại hoặc đã ngừng sử dụng.");

    public async Task<Person> PersonAsync(int id, string field = "personId") =>
        await db.People.SingleOrDefaultAsync(p => p.Id == id)
        ?? throw new DomainValidationException(field, "Không tìm thấy người được chọn.");

    public async Task<OrgUnit> UnitAsync(int id, string field = "unitId") =>
        await db.OrgUnits.SingleOrDefaultAsync(u => u.Id == id)
        ?? throw new DomainValidationException(field, "Đơn vị không tồn tại.");

    /// <summary>A unit the caller works within: hosts of sessions and assignees must be in scope.</summary>
    public async Task<OrgUnit> UnitInScopeAsync(int id, string field = "unitId")
    {
        var unit = await UnitAsync(id, field);
        var overseen = await scope.OverseenUnitsAsync();
        if (overseen is not null && !overseen.Contains(id))
            throw new DomainValidationException(field, "Đơn vị nằm ngoài phạm vi quản lý của bạn.");
        return unit;
    }

    public async Task<Term> TermAsync(int id, string field = "termId") =>
        await db.Terms.SingleOrDefaultAsync(t => t.Id == id)
        ?? throw new DomainValidationException(field, "Nhiệm kỳ không tồn tại.");
}
