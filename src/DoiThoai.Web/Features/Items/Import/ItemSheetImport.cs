using DoiThoai.Text;
using DoiThoai.Web.Features.Sessions;
using DoiThoai.Web.Features.Spreadsheets;

namespace DoiThoai.Web.Features.Items.Import;

/// <summary>One data row of an import sheet as understood, with the problems found in it (none: it can be imported).</summary>
public sealed record ImportSheetRow(
    int RowNumber, string Speaker, string Text, string? Unit, string? Topic, ItemKind Kind, Confidentiality Confidentiality,
    IReadOnlyList<string> Problems, ItemDetails? Details)
{
    public bool IsValid => Problems.Count == 0;
}

/// <summary>What a sheet holds for a session: the rows, and problems of the file as a whole (its headers).</summary>
public sealed record ImportSheet(IReadOnlyList<ImportSheetRow> Rows, IReadOnlyList<string> FileProblems)
{
    public bool IsValid => FileProblems.Count == 0 && Rows.Count > 0 && Rows.All(r => r.IsValid);
    public int ProblemCount => FileProblems.Count + Rows.Count(r => !r.IsValid);

    public IEnumerable<ImportRow> ToImportRows(int sessionId) =>
        Rows.Select(r => new ImportRow(sessionId, r.Details ?? throw new InvalidOperationException("A row with problems is never imported.")));
}

/// <summary>
/// The items sheet a secretariat fills in from a list collected on paper (.xlsx or CSV): a header
/// row naming the columns (<see cref="Headers"/>), one item per row. Every row is checked before
/// anything is written and a problem names its row number in the file, as the spreadsheet shows
/// it; the import itself is <see cref="ItemImport"/>, all or nothing. The web page and the
/// `import-items` verb read sheets through here.
/// </summary>
public static class ItemSheetImport
{
    /// <summary>A file gives at most this many items at once.</summary>
    public const int MaxRows = 20_000;

    public const string SpeakerHeader = "Người nêu";
    public const string TextHeader = "Nội dung";
    public const string UnitHeader = "Đơn vị";
    public const string TopicHeader = "Lĩnh vực";
    public const string KindHeader = "Loại";
    public const string ConfidentialityHeader = "Mức độ mật";

    /// <summary>The columns, required first; the order in a file is free.</summary>
    public static readonly IReadOnlyList<(string Header, bool Required, string Meaning)> Headers =
    [
        (SpeakerHeader, true, "họ tên, chức vụ người nêu (để trống: Không ghi tên)"),
        (TextHeader, true, "nội dung ý kiến, kiến nghị"),
        (UnitHeader, false, "tên đơn vị người nêu đại diện, đúng như trong danh mục đơn vị"),
        (TopicHeader, false, "tên lĩnh vực, đúng như trong danh mục lĩnh vực"),
        (KindHeader, false, "Ý kiến, Kiến nghị, Phản ánh hoặc Đề xuất (để trống: Ý kiến)"),
        (ConfidentialityHeader, false, "Công khai, Nội bộ hoặc Mật (để trống: Nội bộ)"),
    ];

    /// <summary>Reads and checks a sheet for a session; the stage is the one the session takes items at now.</summary>
    public static async Task<ImportSheet> CheckAsync(IReadOnlyList<SheetRow> sheet, DialogueSession session, AppDbContext db, CancellationToken cancellationToken = default)
    {
        if (sheet.Count == 0) throw new DomainValidationException("file", "Tệp trống: không có dòng tiêu đề và không có ý kiến nào.");
        var stage = StageFor(session)
            ?? throw new DomainValidationException("file", "Hội nghị ở trạng thái này không nhận thêm ý kiến.");

        var columns = new Dictionary<string, int>();
        var fileProblems = new List<string>();
        var header = sheet[0];
        for (var k = 0; k < header.Cells.Count; k++)
        {
            if (string.IsNullOrWhiteSpace(header.Cells[k])) continue;
            var known = Headers.FirstOrDefault(h => Key(h.Header) == Key(header.Cells[k])).Header;
            if (known is null)
                fileProblems.Add($"Dòng {header.Number}: cột “{header.Cells[k]}” không có trong mẫu. Các cột nhận: {string.Join(", ", Headers.Select(h => h.Header))}.");
            else if (!columns.TryAdd(known, k))
                fileProblems.Add($"Dòng {header.Number}: cột “{known}” có hai lần.");
        }
        foreach (var (name, _, _) in Headers.Where(h => h.Required && !columns.ContainsKey(h.Header)))
            fileProblems.Add($"Dòng {header.Number}: thiếu cột “{name}”. Dòng đầu tiên của tệp phải là dòng tiêu đề, ví dụ: {string.Join(", ", Headers.Select(h => h.Header))}.");
        if (fileProblems.Count > 0) return new ImportSheet([], fileProblems);
        if (sheet.Count == 1) throw new DomainValidationException("file", "Tệp chỉ có dòng tiêu đề, không có ý kiến nào để nhập.");

        var topics = await db.Topics.AsNoTracking().Where(t => t.IsActive).Select(t => new { t.Id, t.Name, t.NameEn }).ToListAsync(cancellationToken);
        var units = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.Name, u.ShortName, u.ValidTo }).ToListAsync(cancellationToken);
        var sessionDay = VietnamTime.DateOf(session.StartsAtUtc);
        var rows = new List<ImportSheetRow>(sheet.Count - 1);
        foreach (var row in sheet.Skip(1))
        {
            string Cell(string name) => columns.TryGetValue(name, out var k) && k < row.Cells.Count ? row.Cells[k].Trim() : "";
            var problems = new List<string>();
            if (row.Problem is not null) problems.Add(row.Problem);
            var speaker = Cell(SpeakerHeader);
            var text = Cell(TextHeader);
            if (text.Length == 0) problems.Add("thiếu nội dung");
            else if (text.Length > ItemRules.MaxTextLength) problems.Add($"nội dung dài quá {ItemRules.MaxTextLength:N0} ký tự");
            if (speaker.Length > ImportFile.MaxSpeakerLength) problems.Add($"tên người nêu dài quá {ImportFile.MaxSpeakerLength} ký tự");
            foreach (var value in row.Cells)
            {
                if (value.StartsWith('=')) problems.Add($"“{Short(value)}” là công thức; hãy dán giá trị thay cho công thức");
                if (Mojibake.Detect(value) is not LegacyEncoding.None and var legacy)
                {
                    problems.Add($"chữ bị lỗi mã hóa (có vẻ là {legacy}); hãy chuyển tệp sang Unicode");
                    break;
                }
            }

            var unitName = Cell(UnitHeader);
            int? unitId = null;
            if (unitName.Length > 0)
            {
                var matches = units.Where(u => Key(u.Name) == Key(unitName) || u.ShortName is { } s && Key(s) == Key(unitName)).ToList();
                // The same name before and after a restructuring: the unit that existed on the session's day.
                if (matches.Count > 1) matches = [.. matches.Where(u => u.ValidTo is null || u.ValidTo >= sessionDay)];
                if (matches.Count == 1) unitId = matches[0].Id;
                else problems.Add(matches.Count == 0 ? $"không có đơn vị “{Short(unitName)}” trong danh mục" : $"có nhiều đơn vị tên “{Short(unitName)}”; hãy ghi tên đầy đủ");
            }
            var topicName = Cell(TopicHeader);
            int? topicId = null;
            if (topicName.Length > 0)
            {
                var topic = topics.FirstOrDefault(t => Key(t.Name) == Key(topicName) || Key(t.NameEn) == Key(topicName));
                if (topic is null) problems.Add($"không có lĩnh vực “{Short(topicName)}” trong danh mục");
                else topicId = topic.Id;
            }
            var kind = Choice(Cell(KindHeader), ItemKind.Opinion, ItemLabels.Of, KindHeader, problems);
            var confidentiality = Choice(Cell(ConfidentialityHeader), Confidentiality.Internal, ItemLabels.Of, ConfidentialityHeader, problems);

            var speakerName = speaker.Length == 0 ? ImportItemsCommand.UnnamedSpeaker : speaker;
            rows.Add(new ImportSheetRow(row.Number, speakerName, text, unitName.Length == 0 ? null : unitName, topicName.Length == 0 ? null : topicName,
                kind, confidentiality, problems,
                problems.Count > 0 ? null : new ItemDetails(kind, stage, null, speakerName, unitId, topicId, Urgency.Normal, confidentiality, text)));
        }
        return new ImportSheet(rows, []);
    }

    /// <summary>At the session if it takes items there, else before or after it, as the session's state allows.</summary>
    public static RaisedStage? StageFor(DialogueSession session) =>
        new[] { RaisedStage.AtSession, RaisedStage.BeforeSession, RaisedStage.AfterSession }
            .Where(session.AcceptsItemsAt).Select(s => (RaisedStage?)s).FirstOrDefault();

    /// <summary>Headers and names compare without case or marks ("Nguoi neu" is "Người nêu").</summary>
    private static string Key(string? text) => SearchKeys.FoldKey(text).Trim();

    private static T Choice<T>(string value, T empty, Func<T, string> label, string header, List<string> problems) where T : struct, Enum
    {
        if (value.Length == 0) return empty;
        foreach (var option in Enum.GetValues<T>())
            if (Key(label(option)) == Key(value)) return option;
        problems.Add($"cột “{header}”: “{Short(value)}” không phải một trong {string.Join(", ", Enum.GetValues<T>().Select(label))}");
        return empty;
    }

    private static string Short(string value) => value.Length <= 40 ? value : value[..40] + "…";

    /// <summary>The template: the header row and one example row, as .xlsx.</summary>
    public static Task<Stream> TemplateXlsxAsync() => XlsxWriter.WriteToTemporaryFileAsync("Ý kiến", [.. Headers.Select(h => new SheetColumn(h.Header, h.Header == TextHeader ? 80 : 28))],
        Example());

    /// <summary>The template as CSV (UTF-8 with a BOM, so that Excel opens it with its marks).</summary>
    public static async Task<byte[]> TemplateCsvAsync()
    {
        using var buffer = new MemoryStream();
        await using (var csv = new CsvWriter(buffer, byteOrderMark: true))
        {
            await csv.WriteRowAsync(Headers.Select(h => h.Header));
            await foreach (var row in Example()) await csv.WriteRowAsync(row.Select(v => v?.ToString()));
        }
        return buffer.ToArray();
    }

    private static async IAsyncEnumerable<IReadOnlyList<object?>> Example()
    {
        await Task.CompletedTask;
        yield return ["Nguyễn Văn A, Bí thư Chi bộ thôn Đông", "Đề nghị hướng dẫn chế độ phụ cấp cho bí thư chi bộ thôn", "", "", "Kiến nghị", "Nội bộ"];
    }
}
