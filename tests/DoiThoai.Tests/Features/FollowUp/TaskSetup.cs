using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using DoiThoai.Tests.Features.Sessions;

namespace DoiThoai.Tests.Features.FollowUp;

/// <summary>
/// Steps the task tests share. Each test plans its own session through the API and issues its
/// conclusions, so the tasks it changes are its own (the demo tasks are only read).
/// </summary>
internal static class TaskSetup
{
    /// <summary>Units of today's province by their stable demo code (names repeat across the restructuring).</summary>
    public const string Organisation = "BN-TU-BTC";
    public const string PropagandaMassMobilisation = "BN-TU-BTGDV";
    public const string Inspection = "BN-TU-UBKT";

    public sealed record Direction(string Text, string? UnitCode = null, string? DueOn = null);

    public static Task<int> UnitIdByCodeAsync(this AppFactory app, string code) =>
        app.WithDbAsync(db => db.OrgUnits.Where(u => u.Code == code).Select(u => u.Id).SingleAsync());

    public static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Plans, holds and minutes a session with these conclusions, then issues them; returns the session's id.</summary>
    public static async Task<int> IssuedSessionAsync(this AppFactory app, HttpClient office, params Direction[] directions)
    {
        var id = await HeldSessionAsync(app, office);
        await AddConclusionsAndIssueAsync(app, office, id, directions);
        return id;
    }

    public static async Task<int> HeldSessionAsync(AppFactory app, HttpClient office)
    {
        var id = (await SessionsApiTests.PlanAsync(office, app))["id"]!.GetValue<int>();
        await office.PostJsonAsync($"/api/v1/sessions/{id}/actions/hold", new { attendanceCount = 70 }, HttpStatusCode.OK);
        return id;
    }

    public static async Task<JsonNode> AddConclusionsAndIssueAsync(AppFactory app, HttpClient office, int sessionId, params Direction[] directions)
    {
        foreach (var d in directions)
        {
            int? unitId = d.UnitCode is null ? null : await app.UnitIdByCodeAsync(d.UnitCode);
            await office.PostJsonAsync($"/api/v1/sessions/{sessionId}/conclusions", new { text = d.Text, leadUnitId = unitId, dueOn = d.DueOn }, HttpStatusCode.Created);
        }
        await office.PostJsonAsync($"/api/v1/sessions/{sessionId}/actions/complete-minutes", new { minutes = "Biên bản hội nghị." }, HttpStatusCode.OK);
        return await office.PostJsonAsync($"/api/v1/sessions/{sessionId}/actions/issue-conclusions", null, HttpStatusCode.OK);
    }

    /// <summary>The ids of a session's top-level tasks, in the order of their conclusions.</summary>
    public static Task<List<int>> TaskIdsAsync(this AppFactory app, int sessionId) =>
        app.WithDbAsync(db => db.Tasks.Where(t => t.SessionId == sessionId && t.ParentId == null)
            .OrderBy(t => t.Conclusion!.Order).Select(t => t.Id).ToListAsync());

    public static string Unique(string prefix) => prefix + " " + Guid.NewGuid().ToString("N")[..8];
}
