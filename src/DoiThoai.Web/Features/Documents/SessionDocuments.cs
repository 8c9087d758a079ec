using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Sessions;
using static DoiThoai.Web.Features.Documents.VietnameseText;

namespace DoiThoai.Web.Features.Documents;

/// <summary>The documents a session gives, by the name they have in URLs.</summary>
public enum SessionDocument { Minutes, Conclusions, ItemsSummary }

/// <summary>A finished file to send.</summary>
public sealed record DocumentFile(byte[] Content, string FileName)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>
    /// A download under its Vietnamese name (filename*, UTF-8) with the name without marks for old
    /// clients ("Bien ban hoi nghi …" rather than the framework's "Bi_n b_n …"); never cached,
    /// since what it holds depends on who asks.
    /// </summary>
    public void WriteHeaders(HttpResponse response) => WriteHeaders(response, FileName);

    /// <summary>The same headers for any download built for its reader (the .xlsx lists use them too).</summary>
    public static void WriteHeaders(HttpResponse response, string fileName)
    {
        response.Headers.CacheControl = "private, no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        var disposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment");
        disposition.FileName = "\"" + new string(DoiThoai.Text.SearchKeys.FoldKey(fileName).Where(c => c is >= ' ' and < '\x7f' and not '"' and not '\\').ToArray()) + "\"";
        disposition.FileNameStar = fileName;
        response.Headers.ContentDisposition = disposition.ToString();
    }
}

/// <summary>
/// The session's Party documents, built from the record as the reader may see it
/// (<see cref="SessionRecord"/>): the minutes (biên bản, HD 16-HD/VPTW), the conclusion notice
/// (thông báo kết luận) with its tasks, and the summary of items as a landscape annex. Where the
/// record holds nothing (no secretary, no absences, no end time) a dotted line is left to fill by
/// hand rather than anything invented.
/// </summary>
public sealed class SessionDocuments(SessionWorkflow sessions, ItemWorkflow items, UserScope scope, AppDbContext db)
{
    /// <summary>"minutes.docx" in the API, "Minutes" on the pages.</summary>
    public static readonly IReadOnlyDictionary<string, SessionDocument> ApiNames = new Dictionary<string, SessionDocument>
    {
        ["minutes.docx"] = SessionDocument.Minutes,
        ["conclusions.docx"] = SessionDocument.Conclusions,
        ["items-summary.docx"] = SessionDocument.ItemsSummary,
    };

    public async Task<DocumentFile> BuildAsync(int sessionId, SessionDocument document)
    {
        var record = await SessionRecord.LoadAsync(sessionId, sessions, items, scope, db);
        var date = record.Date.ToString("dd-MM-yyyy", Culture);
        return document switch
        {
            SessionDocument.Minutes => new(Minutes(record), $"Biên bản hội nghị {date}.docx"),
            SessionDocument.Conclusions => new(Conclusions(record), $"Thông báo kết luận hội nghị {date}.docx"),
            SessionDocument.ItemsSummary => new(ItemsSummary(record), $"Tổng hợp ý kiến, kiến nghị hội nghị {date}.docx"),
        };
    }

    private static PartyHeader Header(SessionRecord r, string kindSign, string place, DateOnly? date) =>
        new(SuperiorBody(r.Host), Upper(r.Host.Name), NumberLine(kindSign, r.Host), PlaceAndDate(place, date));

    private static string LowerFirst(string text) => text.Length == 0 ? text : char.ToLower(text[0], Culture) + text[1..];

    private static string Chair(SessionChair chair) =>
        "đồng chí " + chair.Person?.FullName + (string.IsNullOrWhiteSpace(chair.RoleTitle) ? "" : ", " + chair.RoleTitle);

    private static string Speaker(DocumentItem item) => item.Speaker is null
        ? item.OnBehalfOf ?? "Ý kiến"
        : $"Đồng chí {item.Speaker}{(item.OnBehalfOf is null ? "" : $" ({item.OnBehalfOf})")}";

    private static string Outcome(AnswerOutcome? outcome) => outcome is { } o ? ItemLabels.Of(o) : "";

    public static byte[] Minutes(SessionRecord r)
    {
        var s = r.Session;
        using var doc = new PartyDocument();
        doc.Header(Header(r, "BB", r.SessionLocality, r.Date));
        doc.Title("Biên bản", s.Title);

        doc.Text($"bắt đầu lúc {Time(s.StartsAtUtc)}, {LongDate(r.Date)}.", "Thời gian: ");
        doc.Text(s.Place + ".", "Địa điểm: ");
        var chairs = r.Chairs.Select(Chair).ToList();
        doc.Text(chairs.Count > 0 ? string.Join("; ", chairs) + "." : PartyDocument.Blank, "Chủ trì: ");
        doc.Text(string.IsNullOrWhiteSpace(s.SecretaryName) ? PartyDocument.Blank : "đồng chí " + s.SecretaryName + ".", "Thư ký: ");
        if (!string.IsNullOrWhiteSpace(s.InvitedGroups)) doc.Text(s.InvitedGroups, "Thành phần mời: ");
        doc.Text(s.AttendanceCount is { } count
            ? $"{Number(count)} đồng chí.{(string.IsNullOrWhiteSpace(s.AttendanceNote) ? "" : " " + s.AttendanceNote)}"
            : PartyDocument.Blank, "Có mặt: ");
        // Absences are not recorded in the app: the secretary writes them in.
        doc.Text(PartyDocument.Blank, "Vắng mặt: ");

        var section = 0;
        if (!string.IsNullOrWhiteSpace(s.Agenda))
        {
            doc.Heading($"{Roman(++section)}. CHƯƠNG TRÌNH HỘI NGHỊ");
            doc.Lines(s.Agenda);
        }
        doc.Heading($"{Roman(++section)}. DIỄN BIẾN HỘI NGHỊ");
        if (r.Minutes is { } minutes) doc.Lines(minutes);
        else doc.Text(PartyDocument.Blank);

        doc.Heading($"{Roman(++section)}. Ý KIẾN PHÁT BIỂU VÀ TRẢ LỜI");
        if (r.Items.Count == 0) doc.Text("Không có ý kiến phát biểu.");
        foreach (var item in r.Items)
        {
            doc.Text(item.Text, $"{item.Number}. {Speaker(item)}: ");
            if (item.Answer is { } answer)
            {
                var by = item.AnsweredBy is null ? "" : $" của đồng chí {item.AnsweredBy}";
                var outcome = item.Outcome is null ? "" : $" ({LowerFirst(Outcome(item.Outcome))})";
                doc.Text(answer, $"Trả lời{by}{outcome}: ", italic: true);
            }
        }

        doc.Heading($"{Roman(++section)}. KẾT LUẬN CỦA CHỦ TRÌ");
        if (r.Conclusions is { Count: > 0 } conclusions)
            foreach (var c in conclusions) doc.Text(c.Text, $"{c.Order}. ");
        else doc.Text(PartyDocument.Blank);

        doc.Text($"Hội nghị kết thúc lúc {PartyDocument.Blank} cùng ngày.");
        var chair = r.Chairs.FirstOrDefault();
        doc.Foot(null, new Signature(["Thư ký"], r.SecretaryName), new Signature(["Chủ trì"], chair?.Person?.FullName));
        return doc.ToArray();
    }

    public static byte[] Conclusions(SessionRecord r)
    {
        var s = r.Session;
        var conclusions = r.Conclusions ?? throw new NotFoundException("Kết luận của hội nghị chưa được ban hành.");
        using var doc = new PartyDocument();
        doc.Header(Header(r, "TB", Locality(r.Host), r.ConclusionsIssuedOn));
        doc.Title("Thông báo", "kết luận " + LowerFirst(s.Title));

        var chair = r.Chairs.FirstOrDefault();
        var attendance = s.AttendanceCount is { } count ? $" Dự hội nghị có {Number(count)} đồng chí." : "";
        doc.Text($"N{LongDate(r.Date)[1..]}, tại {s.Place}, " +
            $"{(chair is null ? "" : Chair(chair) + " ")}chủ trì {LowerFirst(s.Title)}.{attendance}");
        doc.Text($"Sau khi nghe báo cáo và {Number(r.Items.Count)} ý kiến phát biểu của các đại biểu, đồng chí chủ trì kết luận như sau:");
        if (conclusions.Count == 0) doc.Text(PartyDocument.Blank);
        foreach (var c in conclusions) doc.Text(c.Text, $"{c.Order}. ");

        doc.Heading("PHÂN CÔNG THỰC HIỆN");
        doc.Table(
            [("STT", 8), ("Nhiệm vụ", 52), ("Đơn vị chủ trì thực hiện", 24), ("Thời hạn", 16)],
            conclusions.Select(c => (IReadOnlyList<string>)[Number(c.Order), c.Text, c.LeadUnit ?? PartyDocument.Blank,
                c.DueOn is { } due ? ShortDate(due) : PartyDocument.Blank]));

        var recipients = new List<string>();
        if (r.Participant is { } participant) recipients.Add(participant.Name + ",");
        recipients.AddRange(conclusions.Select(c => c.LeadUnit).OfType<string>().Distinct().Where(u => u != r.Participant?.Name).Select(u => u + ","));
        recipients.Add("Lưu Văn phòng.");
        var position = chair?.RoleTitle is { Length: > 0 } role ? role : PartyDocument.Blank;
        doc.Foot(recipients, null, new Signature(["T/M Ban Thường vụ", position], chair?.Person?.FullName));
        return doc.ToArray();
    }

    /// <summary>
    /// The annex table, landscape: one group per topic (I, II …) and within it one per responsible
    /// unit (1, 2 …), the items numbered as read out in the session.
    /// </summary>
    public static byte[] ItemsSummary(SessionRecord r)
    {
        using var doc = new PartyDocument(landscape: true);
        doc.Header(Header(r, "BB", r.SessionLocality, r.Date));
        doc.Title("Phụ lục", "Bảng tổng hợp ý kiến, kiến nghị",
            $"(Kèm theo Biên bản {LowerFirst(r.Session.Title)}, {LongDate(r.Date)})");

        var rows = new List<IReadOnlyList<string>>();
        var topics = r.Items.GroupBy(i => (i.TopicOrder, i.Topic)).OrderBy(g => g.Key.Topic is null).ThenBy(g => g.Key.TopicOrder).ThenBy(g => g.Key.Topic, DoiThoai.Text.VietnameseCollation.Instance);
        var topicNumber = 0;
        foreach (var topic in topics)
        {
            rows.Add([$"{Roman(++topicNumber)}. {topic.Key.Topic ?? "Chưa phân loại lĩnh vực"}"]);
            var unitNumber = 0;
            foreach (var unit in topic.GroupBy(i => i.LeadUnit).OrderBy(g => g.Key is null).ThenBy(g => g.Key, DoiThoai.Text.VietnameseCollation.Instance))
            {
                rows.Add([$"{++unitNumber}. {unit.Key ?? "Chưa giao đơn vị xử lý"}"]);
                rows.AddRange(unit.OrderBy(i => i.Number).Select(i => (IReadOnlyList<string>)
                [
                    Number(i.Number),
                    string.Join("\n", new[] { i.Speaker, i.OnBehalfOf }.OfType<string>()),
                    i.Text,
                    i.DueOn is { } due ? ShortDate(due) : "",
                    i.Answer is { } answer ? $"{Outcome(i.Outcome)}: {answer}" : ItemLabels.Of(i.Status),
                ]));
            }
        }
        if (rows.Count == 0) rows.Add(["Không có ý kiến, kiến nghị."]);
        doc.Table([("STT", 6), ("Người nêu, đơn vị", 17), ("Nội dung ý kiến, kiến nghị", 37), ("Hạn giải quyết", 10), ("Kết quả trả lời, tình trạng", 30)], rows);
        doc.Text($"Tổng số: {Number(r.Items.Count)} ý kiến, kiến nghị.", italic: true);
        return doc.ToArray();
    }
}
