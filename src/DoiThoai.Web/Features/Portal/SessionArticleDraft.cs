using System.Globalization;
using System.Text;
using DoiThoai.Web.Features.Sessions;

namespace DoiThoai.Web.Features.Portal;

/// <summary>
/// "Tạo bài viết từ hội nghị": a draft article written from the session's record — date, place,
/// chairs, attendance, the topics raised, the public items with their public answers, and the
/// conclusions once issued; the units that raised items but not the people (ADR 0021). Only what <see cref="PublicRecords"/> lets readers see goes in: an
/// internal or restricted item, or an answer not yet published, never reaches the draft.
/// </summary>
public static class SessionArticleDraft
{
    public const int CategoryId = 2; // "Hội nghị đối thoại", seeded by the Portal migration

    public static async Task<ArticleInput> ComposeAsync(AppDbContext db, DialogueSession session, string authorName)
    {
        var vi = CultureInfo.GetCultureInfo("vi-VN");
        var chairs = await db.SessionChairs.AsNoTracking().Where(c => c.SessionId == session.Id).OrderBy(c => c.Order)
            .Select(c => new { c.Person!.FullName, c.Person.Position, c.RoleTitle }).ToListAsync();
        var items = await PublicRecords.Items(db).AsNoTracking().Where(i => i.SessionId == session.Id).OrderBy(i => i.Number)
            .Select(i => new
            {
                i.Text, Unit = i.OnBehalfOfUnit!.Name, Topic = i.Topic!.Name,
                i.Status, i.PublishedAtUtc, i.Answer, i.AnsweredBy,
            }).ToListAsync();
        var host = await db.OrgUnits.AsNoTracking().Where(u => u.Id == session.HostUnitId).Select(u => u.Name).SingleAsync();
        var conclusions = session.ConclusionsAreIssued
            ? await db.Conclusions.AsNoTracking().Where(c => c.SessionId == session.Id).OrderBy(c => c.Order).Select(c => c.Text).ToListAsync()
            : [];

        var day = Formats.Day(session.StartsAtUtc);
        var chairText = string.Join("; ", chairs.Select(c => c.FullName + (string.IsNullOrWhiteSpace(c.Position) ? "" : ", " + c.Position)));
        var lead = new StringBuilder($"{day}, tại {session.Place}, {host} tổ chức {Lower(session.Title)}");
        if (chairText.Length > 0) lead.Append($" do đồng chí {chairText} chủ trì");
        lead.Append('.');

        var body = new StringBuilder();
        body.AppendLine("## Thành phần tham dự").AppendLine();
        foreach (var c in chairs)
            body.AppendLine($"- Chủ trì: {c.FullName}{(string.IsNullOrWhiteSpace(c.Position) ? "" : ", " + c.Position)}{(string.IsNullOrWhiteSpace(c.RoleTitle) ? "" : " (" + c.RoleTitle + ")")}");
        if (session.AttendanceCount is { } count)
            body.AppendLine($"- Số người dự: {count.ToString("N0", vi)}{(string.IsNullOrWhiteSpace(session.AttendanceNote) ? "" : " — " + session.AttendanceNote)}");
        if (!string.IsNullOrWhiteSpace(session.InvitedGroups))
            body.AppendLine($"- Thành phần mời: {session.InvitedGroups}");
        body.AppendLine();

        var topics = items.Where(i => i.Topic is not null).Select(i => i.Topic).Distinct().ToList();
        if (items.Count > 0)
        {
            body.AppendLine("## Các ý kiến, kiến nghị").AppendLine();
            body.AppendLine($"Tại hội nghị có {items.Count.ToString("N0", vi)} ý kiến, kiến nghị được công khai" +
                (topics.Count > 0 ? ", tập trung vào các lĩnh vực: " + string.Join("; ", topics) + "." : "."));
            body.AppendLine();
            foreach (var i in items)
            {
                // Who raised it is personal data (ADR 0021): the draft names the unit only; naming a
                // speaker who agreed to it is the editor's deliberate act.
                body.AppendLine($"- {(string.IsNullOrWhiteSpace(i.Unit) ? "" : "**" + i.Unit + "**: ")}{OneLine(i.Text)}");
                if (PublicRecords.PublicAnswer(i.Status, i.PublishedAtUtc, i.Answer) is { } answer)
                    body.AppendLine($"  - Trả lời{(string.IsNullOrWhiteSpace(i.AnsweredBy) ? "" : " (" + i.AnsweredBy + ")")}: {OneLine(answer)}");
            }
            body.AppendLine();
        }
        if (conclusions.Count > 0)
        {
            body.AppendLine("## Kết luận của chủ trì").AppendLine();
            var n = 0;
            foreach (var c in conclusions) body.AppendLine($"{++n}. {OneLine(c)}");
            body.AppendLine();
        }

        return new ArticleInput
        {
            CategoryId = CategoryId,
            Title = session.Title.Length <= ArticleRules.MaxTitleLength ? session.Title : session.Title[..ArticleRules.MaxTitleLength],
            Lead = Trim(lead.ToString(), ArticleRules.MaxLeadLength),
            BodyMarkdown = Trim(body.ToString(), ArticleRules.MaxBodyLength),
            AuthorName = authorName,
            CreatorName = Article.DefaultCreator,
        };
    }

    private static string Lower(string title) => title.Length > 0 ? char.ToLower(title[0], CultureInfo.GetCultureInfo("vi-VN")) + title[1..] : title;

    /// <summary>Markdown list items stay one line: line breaks in the record become spaces, and markup characters are escaped.</summary>
    private static string OneLine(string text)
    {
        var flat = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var escaped = new StringBuilder(flat.Length);
        foreach (var c in flat)
        {
            if (c is '\\' or '*' or '_' or '[' or ']' or '<' or '>' or '`' or '#') escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    private static string Trim(string text, int max) => text.Length <= max ? text : text[..max];
}
