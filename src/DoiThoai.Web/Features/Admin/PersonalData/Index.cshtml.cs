using DoiThoai.Web.Features.PersonalData;
using DoiThoai.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace DoiThoai.Web.Features.Admin.PersonalData;

/// <summary>The record of every export and anonymisation of a person's data (ADR 0021), newest first.</summary>
public sealed class IndexModel(AppDbContext db) : AdminPageModel
{
    [BindProperty(SupportsGet = true, Name = Pager.QueryName)] public int? PageNumber { get; set; }

    public IReadOnlyList<PersonalDataActionRow> Actions { get; private set; } = [];
    public Pager Paging { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        Paging = Pager.For(Request, PageNumber ?? 1, AdminPageSize, await db.PersonalDataActions.CountAsync());
        Actions = await PersonalDataActionRow.Query(db.PersonalDataActions).Skip(Paging.Skip).Take(Paging.PageSize).ToListAsync();
    }
}
