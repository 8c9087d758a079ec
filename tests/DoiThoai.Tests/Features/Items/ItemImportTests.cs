using System.Net;
using System.Text;
using DoiThoai.Tests.Features.Sessions;
using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Items.Import;
using DoiThoai.Web.Features.Search;
using Microsoft.Extensions.DependencyInjection;

namespace DoiThoai.Tests.Features.Items;

/// <summary>Bulk import through <see cref="ItemImport"/>: the same rows as items recorded one by one.</summary>
public sealed class ItemImportTests(AppFactory app) : IClassFixture<AppFactory>
{
    // Made-up place names keep these texts apart from the demo data and the other tests.
    private const string Road = "Đề nghị sớm nâng cấp tuyến đường liên thôn Khuê Lạcxy đã xuống cấp nghiêm trọng sau mùa mưa lũ, xe cứu thương không vào được";
    private const string Land = "Kiến nghị Ủy ban nhân dân xã công khai phương án bồi thường giải phóng mặt bằng khu công nghiệp Vân Trungxy cho các hộ dân";

    private async Task<(HttpClient Office, int SessionId)> HeldSessionAsync()
    {
        var office = await app.ApiClientAsync("vanphong");
        var id = (await SessionsApiTests.PlanAsync(office, app))["id"]!.GetValue<int>();
        await office.PostJsonAsync($"/api/v1/sessions/{id}/actions/hold", new { attendanceCount = 60 }, HttpStatusCode.OK);
        return (office, id);
    }

    internal static ImportRow Row(int sessionId, string text) => new(sessionId, new ItemDetails(
        ItemKind.Opinion, RaisedStage.AtSession, null, "Đảng viên", null, null, Urgency.Normal, Confidentiality.Public, text));

    private async Task<int[]> ImportAsync(IEnumerable<ImportRow> rows, int itemsPerBatch = ItemImport.DefaultItemsPerBatch)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ItemImport>().ImportAsync(rows, new Actor(null, "Nhập danh sách"), itemsPerBatch);
    }

    [Fact]
    public async Task Imported_items_continue_the_numbers_with_history_change_rows_storage_form_and_are_searchable_and_similar()
    {
        var (office, sessionId) = await HeldSessionAsync();
        var first = await office.PostJsonAsync($"/api/v1/sessions/{sessionId}/items", new
        {
            kind = "opinion", stage = "atSession", speakerName = "Đại biểu", urgency = "normal", confidentiality = "public", text = "Ý kiến ghi trên trang",
        }, HttpStatusCode.Created);
        Assert.Equal(1, first["number"]!.GetValue<int>());

        // Decomposed (NFD) text as some Word exports write it; stored as NFC like everything else.
        var ids = await ImportAsync([Row(sessionId, Road.Normalize(NormalizationForm.FormD)), Row(sessionId, Land), Row(sessionId, "Ý kiến thứ tư")], itemsPerBatch: 2);
        Assert.Equal(3, ids.Length);

        foreach (var (id, number) in ids.Zip([2, 3, 4]))
        {
            var item = await office.GetJsonAsync($"/api/v1/items/{id}");
            Assert.Equal(number, item["number"]!.GetValue<int>());
            Assert.Equal(sessionId, item["sessionId"]!.GetValue<int>());
            Assert.Equal("received", item["status"]!.GetValue<string>());
            Assert.Equal(["raise"], item["history"]!.AsArray().Select(h => h!["action"]!.GetValue<string>()));
        }
        var stored = await app.WithDbAsync(db => db.Items.Where(i => i.Id == ids[0]).Select(i => i.Text).SingleAsync());
        Assert.Equal(Road, stored);
        var changed = await app.WithDbAsync(db => db.SearchChanges.Where(c => c.ItemId != null && ids.Contains(c.ItemId.Value)).Select(c => c.ItemId!.Value).ToListAsync());
        Assert.Equal(ids.Order(), changed.Order());

        var found = await office.GetJsonAsync("/api/v1/search?q=" + Uri.EscapeDataString("khue lacxy") + "&pageSize=50");
        Assert.Equal([ids[0]], found["items"]!.AsArray().Select(h => h!["itemId"]!.GetValue<int>()));

        var similar = (await office.PostJsonAsync("/api/v1/items/similar", new { text = Land.Replace("Ủy ban", "Uỷ ban") }, HttpStatusCode.OK)).AsArray();
        Assert.Contains(ids[1], similar.Select(h => h!["itemId"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_failing_row_leaves_nothing_written_even_after_earlier_batches()
    {
        var (_, sessionId) = await HeldSessionAsync();
        var before = await app.WithDbAsync(async db => (await db.Items.CountAsync(), await db.History.CountAsync(), await db.SearchChanges.CountAsync()));

        var rows = new[] { Row(sessionId, Road + " 1"), Row(sessionId, Road + " 2"), Row(sessionId, Road + " 3"), Row(sessionId, "   ") };
        var e = await Assert.ThrowsAsync<DomainValidationException>(() => ImportAsync(rows, itemsPerBatch: 2));
        Assert.Equal("text", e.Field);
        await Assert.ThrowsAsync<NotFoundException>(() => ImportAsync([Row(sessionId, Road), Row(int.MaxValue, Road)], itemsPerBatch: 1));

        var after = await app.WithDbAsync(async db => (await db.Items.CountAsync(), await db.History.CountAsync(), await db.SearchChanges.CountAsync()));
        Assert.Equal(before, after);
        Assert.Single(await ImportAsync([Row(sessionId, Land)]));
        Assert.Equal(1, await app.WithDbAsync(db => db.Items.Where(i => i.SessionId == sessionId).Select(i => i.Number).SingleAsync()));
    }
}

/// <summary>The `import-items` verb, run as an operator would: the app's executable in its own process.</summary>
public sealed class ImportItemsCommandTests(AppProcess app) : IClassFixture<AppProcess>
{
    private async Task<(int ExitCode, string Output)> ImportAsync(string session, byte[] file)
    {
        var path = Path.Combine(Path.GetTempPath(), $"doithoai-import-{Guid.NewGuid():N}.txt");
        await File.WriteAllBytesAsync(path, file);
        try { return await app.RunAsync("import-items", "--session", session, path); }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task Imports_a_file_and_refuses_bad_input_with_a_message_naming_the_line()
    {
        var seed = await app.RunAsync("seed-demo");
        Assert.True(seed.ExitCode == 0, seed.Output);

        var good = await ImportAsync("1", Encoding.UTF8.GetBytes("Nguyễn Văn A\tĐề nghị làm rõ tiến độ giải phóng mặt bằng\r\n\r\nKiến nghị về đất đai ở thôn Đông\n"));
        Assert.True(good.ExitCode == 0, good.Output);
        Assert.Contains("Imported 2 items", good.Output);

        var unknown = await ImportAsync("999999", Encoding.UTF8.GetBytes("Một ý kiến\n"));
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("Không tìm thấy hội nghị số 999999", unknown.Output);

        var empty = await ImportAsync("1", Encoding.UTF8.GetBytes("\n  \n"));
        Assert.Equal(2, empty.ExitCode);
        Assert.Contains("Tệp không có ý kiến nào để nhập", empty.Output);

        var invalid = await ImportAsync("1", [.. Encoding.UTF8.GetBytes("Dòng tốt\n"), 0xC3, 0x28, (byte)'\n']);
        Assert.Equal(2, invalid.ExitCode);
        Assert.Contains("Dòng 2: tệp không phải UTF-8 hợp lệ", invalid.Output);

        // "Công tác dân vận ở thôn" typed in TCVN3 (ABC) and read as Unicode.
        var legacy = await ImportAsync("1", Encoding.UTF8.GetBytes("Dòng tốt\nDòng thứ hai\nC«ng t¸c d©n vËn ë th«n\n"));
        Assert.Equal(2, legacy.ExitCode);
        Assert.Contains("Dòng 3: chữ bị lỗi mã hóa", legacy.Output);

        var tooLong = await ImportAsync("1", Encoding.UTF8.GetBytes("Dòng tốt\n" + new string('a', 10_001) + "\n"));
        Assert.Equal(2, tooLong.ExitCode);
        Assert.Contains("Dòng 2: nội dung dài quá", tooLong.Output);

        var usage = await app.RunAsync("import-items", "--session", "x");
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("import-items --session ID FILE", usage.Output);
    }
}
