namespace DoiThoai.Web.Features.Admin;

/// <summary>The administration start page: what there is to manage and how much of it.</summary>
public sealed class IndexModel(AppDbContext db, TimeProvider clock) : AdminPageModel
{
    public int UnitsValid { get; private set; }
    public int UnitsTotal { get; private set; }
    public int Kinds { get; private set; }
    public int Terms { get; private set; }
    public int People { get; private set; }
    public int TopicsActive { get; private set; }
    public int Users { get; private set; }
    public int Year { get; private set; }
    public int CalendarDaysThisYear { get; private set; }
    public int DeadlineRules { get; private set; }

    public async Task OnGetAsync()
    {
        var today = VietnamTime.Today(clock.GetUtcNow().UtcDateTime);
        UnitsTotal = await db.OrgUnits.CountAsync();
        UnitsValid = await db.OrgUnits.CountAsync(u => u.ValidFrom <= today && (u.ValidTo == null || today <= u.ValidTo));
        Kinds = await db.OrgUnitKinds.CountAsync();
        Terms = await db.Terms.CountAsync();
        People = await db.People.CountAsync();
        TopicsActive = await db.Topics.CountAsync(t => t.IsActive);
        Users = await db.Users.CountAsync();
        Year = today.Year;
        var (first, last) = (new DateOnly(Year, 1, 1), new DateOnly(Year, 12, 31));
        CalendarDaysThisYear = await db.CalendarDays.CountAsync(d => d.Date >= first && d.Date <= last);
        DeadlineRules = await db.DeadlineRules.CountAsync();
    }
}
