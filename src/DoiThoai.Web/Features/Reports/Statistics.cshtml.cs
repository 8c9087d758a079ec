using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace DoiThoai.Web.Features.Reports;

/// <summary>
/// /Reports/Statistics: a GET form (unit, sub-units, period, successor or historical units), then
/// the figures, each table with an SVG chart drawn on the server beside it. Works without JavaScript.
/// </summary>
[Authorize(Policy = Policies.Secretariat)]
public sealed class StatisticsModel(Statistics statistics) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? UnitId { get; set; }
    [BindProperty(SupportsGet = true)] public bool IncludeSubUnits { get; set; }
    [BindProperty(SupportsGet = true)] public UnitGrouping Grouping { get; set; }
    [BindProperty(SupportsGet = true)] public string? Preset { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public int? Number { get; set; }
    [BindProperty(SupportsGet = true)] public int? TermId { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    public StatisticsReport? Report { get; private set; }
    public string? Message { get; private set; }
    public List<SelectListItem> Units { get; private set; } = [];
    public List<SelectListItem> Terms { get; private set; } = [];

    /// <summary>The presets offered in the form, with their Vietnamese names.</summary>
    public static readonly IReadOnlyList<(PeriodPreset Preset, string Label)> Presets =
    [
        (PeriodPreset.Month, "Tháng"), (PeriodPreset.Quarter, "Quý"), (PeriodPreset.HalfYear, "6 tháng đầu năm"),
        (PeriodPreset.NineMonths, "9 tháng"), (PeriodPreset.Year, "Năm"), (PeriodPreset.Term, "Nhiệm kỳ"), (PeriodPreset.Custom, "Từ ngày … đến ngày"),
    ];

    /// <summary>This page's query string with another ending: the .xlsx and .docx links ask for the same report.</summary>
    public string ApiLink(string suffix) => "/api/v1/reports/statistics" + suffix + Request.QueryString;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var lists = SelectLists.For(HttpContext);
        Units = await lists.UnitsInScopeAsync();
        foreach (var option in Units) option.Selected = option.Value == UnitId?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Terms = await lists.TermsAsync();
        foreach (var option in Terms) option.Selected = option.Value == TermId?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (UnitId is null) return Page();
        try
        {
            Report = await statistics.ComputeAsync(ReportsApi.Query(Request), ct);
        }
        catch (DomainValidationException e)
        {
            Message = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (AccessDeniedException e)
        {
            Message = e.Message;
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }
        return Page();
    }
}
