using DoiThoai.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace DoiThoai.Web.Features.Sessions;

/// <summary>
/// What the plan and edit pages share: the form's fields and choices, and saving through the
/// workflow with the same error handling. Each page only says what it loads and what it saves.
/// </summary>
public abstract class SessionFormPage(IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>The form offers three chairs; a session given more through the API keeps them all.</summary>
    public const int ChairRows = 3;

    /// <summary>For the confirmation each page passes to <see cref="SaveAsync"/>.</summary>
    protected IStringLocalizer<SharedResource> T => t;

    [BindProperty] public SessionFormInput Input { get; set; } = new();

    public List<SelectListItem> HostUnits { get; private set; } = [];
    public List<SelectListItem> AllUnits { get; private set; } = [];
    public List<SelectListItem> Terms { get; private set; } = [];
    public List<SelectListItem> People { get; private set; } = [];

    /// <summary>Saves through the workflow; on success redirects to the session's page with a message.</summary>
    protected Task<IActionResult> SaveAsync(Func<SessionInput, Task<DialogueSession>> save, LocalizedString message) =>
        this.TryChangeAsync(t, nameof(Input),
            async () =>
            {
                var session = await save(Input.ToSessionInput());
                TempData["Message"] = message.Value;
                return RedirectToPage("/Sessions/Details", new { id = session.Id });
            },
            ShowFormAsync,
            e => PageErrors.Refusal(t, SessionLabels.OfAction(e.Action), SessionLabels.OfState(e.CurrentState)));

    protected async Task<IActionResult> ShowFormAsync()
    {
        while (Input.Chairs.Count < ChairRows) Input.Chairs.Add(new ChairInput());
        var lists = SelectLists.For(HttpContext);
        HostUnits = await lists.UnitsInScopeAsync();
        AllUnits = await lists.AllUnitsAsync();
        Terms = await lists.TermsAsync();
        People = await lists.PeopleAsync();
        return Page();
    }
}

/// <summary>The session form as posted. Strings are nullable so that the workflow, not model binding, says what is missing.</summary>
public sealed class SessionFormInput
{
    public string? Title { get; set; }
    public int? HostUnitId { get; set; }
    public int? ParticipantUnitId { get; set; }
    public int? TermId { get; set; }
    /// <summary>Vietnam time as the datetime-local box sends it (2017-09-08T08:00), or typed by hand.</summary>
    public string? StartsAt { get; set; }
    public string? Place { get; set; }
    public string? Agenda { get; set; }
    public string? InvitedGroups { get; set; }
    public string? SecretaryName { get; set; }
    public List<ChairInput> Chairs { get; set; } = [];

    public static SessionFormInput From(DialogueSession s) => new()
    {
        Title = s.Title,
        HostUnitId = s.HostUnitId,
        ParticipantUnitId = s.ParticipantUnitId,
        TermId = s.TermId,
        StartsAt = Formats.IsoLocalDateTime(s.StartsAtUtc),
        Place = s.Place,
        Agenda = s.Agenda,
        InvitedGroups = s.InvitedGroups,
        SecretaryName = s.SecretaryName,
        Chairs = s.Chairs.OrderBy(c => c.Order).Select(c => new ChairInput { PersonId = c.PersonId, RoleTitle = c.RoleTitle }).ToList(),
    };

    public SessionInput ToSessionInput()
    {
        // A role title typed without choosing the person would be dropped silently; say so instead.
        if (Chairs.Any(c => c.PersonId is null && !string.IsNullOrWhiteSpace(c.RoleTitle)))
            throw new DomainValidationException("chairs", "Cần chọn người chủ trì cho chức danh đã ghi.");
        var chairs = Chairs.Where(c => c.PersonId is not null)
            .Select(c => new ChairDetails(c.PersonId!.Value, string.IsNullOrWhiteSpace(c.RoleTitle) ? null : c.RoleTitle.Trim()))
            .ToList();
        return new SessionInput(Title, HostUnitId, ParticipantUnitId, TermId, FormValues.LocalDateTime(StartsAt, "startsAt"),
            Place, Agenda, InvitedGroups, SecretaryName, chairs);
    }
}

public sealed class ChairInput
{
    public int? PersonId { get; set; }
    public string? RoleTitle { get; set; }
}
