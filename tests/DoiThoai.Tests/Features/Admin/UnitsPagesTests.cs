using System.Net;
using static DoiThoai.Tests.Features.Admin.AdminPages;

namespace DoiThoai.Tests.Features.Admin;

public sealed class UnitsPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_unit_created_through_the_form_appears_in_the_tree_under_its_parent()
    {
        var admin = await app.SignedInBrowserAsync("admin");
        var kind = await app.CreateKindAsync(admin);
        var parentName = Unique("Tỉnh ủy Thử");
        var childName = Unique("Đảng ủy xã Thử");
        var parent = await CreateUnitAsync(admin, kind, parentName, validFrom: "1997-01-01");
        var child = await CreateUnitAsync(admin, kind, childName, parent, validFrom: "2025-07-01");

        var detail = await Html.GetDocumentAsync(admin, $"/Admin/Units/{child}");
        Assert.Contains("Đã thêm đơn vị", detail.QuerySelector(".flash")?.TextContent);
        Assert.Equal(childName, detail.QuerySelector("h1")!.TextContent.Trim());

        var tree = await Html.GetDocumentAsync(admin, "/Admin/Units");
        var childItem = tree.QuerySelectorAll(".tree li").Single(li => li.QuerySelector("a")!.TextContent == childName);
        Assert.Contains("01/07/2025 – nay", childItem.TextContent);
        Assert.Contains("Loại thử", childItem.QuerySelector(".kind")!.TextContent);
        var parentItem = childItem.ParentElement!.Closest("li")!;
        Assert.Equal(parentName, parentItem.QuerySelector("a")!.TextContent);
        Assert.DoesNotContain("ended", childItem.ClassList);
    }

    [Fact]
    public async Task An_end_date_before_the_start_date_answers_400_with_the_message_and_creates_nothing()
    {
        var admin = await app.SignedInBrowserAsync("admin");
        var kind = await app.CreateKindAsync(admin);
        var name = Unique("Đơn vị ngày sai");

        var response = await PostUnitAsync(admin, kind, name, validFrom: "2025-07-01", validTo: "2025-06-30");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("Ngày kết thúc hiệu lực phải sau ngày bắt đầu.", FieldError(page, "Input.ValidTo"));
        Assert.Equal(name, InputValue(page, "Input.Name"));
        Assert.Equal("2025-06-30", InputValue(page, "Input.ValidTo"));
        Assert.False(await app.WithDbAsync(db => db.OrgUnits.AnyAsync(u => u.Name == name)));
    }

    [Fact]
    public async Task Missing_fields_and_unknown_ids_answer_400_beside_their_fields()
    {
        var admin = await app.SignedInBrowserAsync("admin");
        var kind = await app.CreateKindAsync(admin);

        var empty = await Html.ParseAsync(await PostUnitAsync(admin, kind, "", validFrom: ""));
        Assert.Equal("Vui lòng nhập tên đơn vị.", FieldError(empty, "Input.Name"));
        Assert.Equal("Vui lòng nhập ngày bắt đầu hiệu lực.", FieldError(empty, "Input.ValidFrom"));

        var tooLong = await PostUnitAsync(admin, kind, new string('x', 201));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("Tên đơn vị dài quá 200 ký tự.", FieldError(await Html.ParseAsync(tooLong), "Input.Name"));

        var unknownKind = await PostUnitAsync(admin, 987654, Unique("Đơn vị loại lạ"));
        Assert.Equal(HttpStatusCode.BadRequest, unknownKind.StatusCode);
        Assert.Equal("Loại đơn vị không tồn tại.", FieldError(await Html.ParseAsync(unknownKind), "Input.KindId"));

        // Values no browser form sends (a hand-made post) are refused in Vietnamese, not with the framework's English.
        var form = await Html.GetFormAsync(admin, "/Admin/Units/Create");
        var garbage = await admin.PostAsync("/Admin/Units/Create", form.With(
            ("Input.Name", "Đơn vị rác"), ("Input.KindId", "abc"), ("Input.ValidFrom", "31/02/2025"), ("Input.SortOrder", "-3")));
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        var garbagePage = await Html.ParseAsync(garbage);
        Assert.Equal("Giá trị “abc” không hợp lệ.", FieldError(garbagePage, "Input.KindId"));
        Assert.Equal("Ngày không hợp lệ. Nhập theo dạng ngày/tháng/năm, ví dụ 08/09/2017.", FieldError(garbagePage, "Input.ValidFrom"));
        Assert.Equal("31/02/2025", InputValue(garbagePage, "Input.ValidFrom"));
        Assert.Equal("Thứ tự hiển thị phải là số nguyên từ 0 đến 99999.", FieldError(garbagePage, "Input.SortOrder"));

        var code = "C-" + Guid.NewGuid().ToString("N")[..8];
        var first = await admin.PostAsync("/Admin/Units/Create", form.With(
            ("Input.Name", Unique("Đơn vị có mã")), ("Input.KindId", Id(kind)), ("Input.ValidFrom", "2020-01-01"), ("Input.Code", code)));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var takenCode = await admin.PostAsync("/Admin/Units/Create", form.With(
            ("Input.Name", "Đơn vị trùng mã"), ("Input.KindId", Id(kind)), ("Input.ValidFrom", "2020-01-01"), ("Input.Code", code)));
        Assert.Equal(HttpStatusCode.BadRequest, takenCode.StatusCode);
        Assert.Equal("Mã này đã được dùng cho một đơn vị khác.", FieldError(await Html.ParseAsync(takenCode), "Input.Code"));

        var unknownParent = await PostUnitAsync(admin, kind, Unique("Đơn vị cấp trên lạ"), parentId: 987654);
        Assert.Equal(HttpStatusCode.BadRequest, unknownParent.StatusCode);
        Assert.Equal("Đơn vị cấp trên không tồn tại.", FieldError(await Html.ParseAsync(unknownParent), "Input.ParentId"));
    }

    [Fact]
    public async Task A_date_typed_the_Vietnamese_way_is_read_day_first()
    {
        // Browsers without a date picker show a text box; people type 08/09/2017 for 8 September.
        var admin = await app.SignedInBrowserAsync("admin");
        var kind = await app.CreateKindAsync(admin);
        var unit = await CreateUnitAsync(admin, kind, Unique("Đơn vị gõ ngày"), validFrom: "08/09/2017");
        Assert.Equal(new DateOnly(2017, 9, 8), await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Id == unit).Select(u => u.ValidFrom).SingleAsync()));
    }

    [Fact]
    public async Task A_parent_that_would_make_a_cycle_or_the_unit_itself_is_refused()
    {
        var admin = await app.SignedInBrowserAsync("admin");
        var kind = await app.CreateKindAsync(admin);
        var top = await CreateUnitAsync(admin, kind, Unique("Cấp 1"));
        var middle = await CreateUnitAsync(admin, kind, Unique("Cấp 2"), top);
        var bottom = await CreateUnitAsync(admin, kind, Unique("Cấp 3"), middle);

        var form = await Html.GetFormAsync(admin, $"/Admin/Units/{top}/Edit");
        // The select already disables the unit itself and its descendants; the server checks regardless.
        var disabled = (await Html.GetDocumentAsync(admin, $"/Admin/Units/{top}/Edit"))
            .QuerySelectorAll("select[name='Input.ParentId'] option[disabled]").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal([Id(top), Id(middle), Id(bottom)], disabled);

        var cycle = await admin.PostAsync($"/Admin/Units/{top}/Edit", form.With(("Input.ParentId", Id(bottom))));
        Assert.Equal(HttpStatusCode.BadRequest, cycle.StatusCode);
        Assert.Contains("vòng lặp", FieldError(await Html.ParseAsync(cycle), "Input.ParentId"));

        var self = await admin.PostAsync($"/Admin/Units/{top}/Edit", form.With(("Input.ParentId", Id(top))));
        Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
        Assert.Equal("Đơn vị không thể là cấp trên của chính nó.", FieldError(await Html.ParseAsync(self), "Input.ParentId"));

        Assert.Null(await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Id == top).Select(u => u.ParentId).SingleAsync()));

        // Moving the bottom unit to the top is fine.
        var move = await admin.PostAsync($"/Admin/Units/{bottom}/Edit",
            (await Html.GetFormAsync(admin, $"/Admin/Units/{bottom}/Edit")).With(("Input.ParentId", Id(top))));
        Assert.Equal(HttpStatusCode.Redirect, move.StatusCode);
        Assert.Equal(top, await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Id == bottom).Select(u => u.ParentId).SingleAsync()));
    }

    [Fact]
    public async Task The_unit_lists_of_forms_follow_a_unit_or_kind_change_at_once()
    {
        // The lists are built from units read once per organisation snapshot (SelectLists, ADR 0020
        // "Page cost"); the administrator's saves renew it, so the next form already shows the change.
        var admin = await app.SignedInBrowserAsync("admin");
        async Task<string?> OptionAsync(int unitId) =>
            (await Html.GetDocumentAsync(admin, "/Sessions/Create")).QuerySelector($"[name='Input.HostUnitId'] option[value='{Id(unitId)}']")?.TextContent.Trim();

        // The snapshot is built before the changes below.
        Assert.NotEmpty((await Html.GetDocumentAsync(admin, "/Sessions/Create")).QuerySelectorAll("[name='Input.HostUnitId'] option"));
        var kind = await app.CreateKindAsync(admin);
        var name = Unique("Đảng ủy Thử");
        var unit = await CreateUnitAsync(admin, kind, name, validFrom: "1997-01-01");
        Assert.StartsWith(name + " (Loại thử", await OptionAsync(unit));

        var renamed = Unique("Đảng ủy Đổi Tên");
        var form = await Html.GetFormAsync(admin, $"/Admin/Units/{unit}/Edit");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync($"/Admin/Units/{unit}/Edit", form.With(("Input.Name", renamed)))).StatusCode);
        Assert.StartsWith(renamed + " (", await OptionAsync(unit));

        var kindForm = await Html.GetFormAsync(admin, $"/Admin/UnitKinds/{Id(kind)}/Edit");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync($"/Admin/UnitKinds/{Id(kind)}/Edit", kindForm.With(("Input.Name", "Loại đổi tên")))).StatusCode);
        Assert.Equal(renamed + " (Loại đổi tên)", await OptionAsync(unit));
    }

    [Fact]
    public async Task Ending_a_unit_through_edit_hides_it_from_today_s_tree_and_greys_it_in_the_full_tree()
    {
        var admin = await app.SignedInBrowserAsync("admin");
        var kind = await app.CreateKindAsync(admin);
        var name = Unique("Huyện ủy Thử");
        var unit = await CreateUnitAsync(admin, kind, name, validFrom: "1997-01-01");

        var form = await Html.GetFormAsync(admin, $"/Admin/Units/{unit}/Edit");
        Assert.Equal("1997-01-01", form.Single(f => f.Key == "Input.ValidFrom").Value);
        var ended = await admin.PostAsync($"/Admin/Units/{unit}/Edit", form.With(("Input.ValidTo", "2025-06-30")));
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);

        var today = await Html.GetDocumentAsync(admin, "/Admin/Units");
        Assert.DoesNotContain(today.QuerySelectorAll(".tree a"), a => a.TextContent == name);

        var onThatDay = await Html.GetDocumentAsync(admin, "/Admin/Units?on=2020-01-01");
        Assert.Contains(onThatDay.QuerySelectorAll(".tree a"), a => a.TextContent == name);

        var all = await Html.GetDocumentAsync(admin, "/Admin/Units?all=true");
        var item = all.QuerySelectorAll(".tree li").Single(li => li.QuerySelector("a")!.TextContent == name);
        Assert.Contains("ended", item.ClassList);
        Assert.Contains("01/01/1997 – 30/06/2025", item.TextContent);
    }

    [Fact]
    public async Task A_succession_link_is_shown_on_both_units_pages_and_inline_in_the_tree()
    {
        var admin = await app.SignedInBrowserAsync("admin");
        var kind = await app.CreateKindAsync(admin);
        var oldName = Unique("Tỉnh ủy Bắc Giang thử");
        var newName = Unique("Tỉnh ủy Bắc Ninh thử");
        var old = await CreateUnitAsync(admin, kind, oldName, validFrom: "1997-01-01", validTo: "2025-06-30");
        var successor = await CreateUnitAsync(admin, kind, newName, validFrom: "1997-01-01");

        var form = await Html.GetFormAsync(admin, $"/Admin/Units/{old}", "form#succession-form");
        Assert.Equal("2025-07-01", form.Single(f => f.Key == "Input.EffectiveOn").Value);
        var response = await admin.PostAsync($"/Admin/Units/{old}", form.With(
            ("Input.Kind", "MergedInto"), ("Input.SuccessorId", Id(successor)), ("Input.Note", "Theo Nghị quyết sắp xếp tỉnh")));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var oldPage = await Html.GetDocumentAsync(admin, $"/Admin/Units/{old}");
        var forward = oldPage.QuerySelector("#successors + ul.successions")!.TextContent;
        Assert.Contains("sáp nhập vào", forward);
        Assert.Contains(newName, forward);
        Assert.Contains("01/07/2025", forward);

        var newPage = await Html.GetDocumentAsync(admin, $"/Admin/Units/{successor}");
        var backward = newPage.QuerySelector("#predecessors + ul.successions")!.TextContent;
        Assert.Contains(oldName, backward);
        Assert.Contains("sáp nhập vào", backward);

        var tree = await Html.GetDocumentAsync(admin, "/Admin/Units?all=true");
        var oldItem = tree.QuerySelectorAll(".tree li").Single(li => li.QuerySelector("a")!.TextContent == oldName);
        Assert.Contains($"→ sáp nhập vào {newName} từ 01/07/2025", Normalise(oldItem.QuerySelector(".succession")!.TextContent));

        // Today's tree hides the ended unit but names it beside its successor.
        var today = await Html.GetDocumentAsync(admin, "/Admin/Units");
        var newItem = today.QuerySelectorAll(".tree li").Single(li => li.QuerySelector("a")!.TextContent == newName);
        Assert.Contains($"← tiền thân: {oldName} (sáp nhập, 01/07/2025)", Normalise(newItem.QuerySelector(".predecessor")!.TextContent));

        // The same link twice, and the way back (a cycle), are refused.
        var again = await admin.PostAsync($"/Admin/Units/{old}", form.With(("Input.Kind", "MergedInto"), ("Input.SuccessorId", Id(successor))));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("Liên kết kế thừa này đã có.", FieldError(await Html.ParseAsync(again), "Input.SuccessorId"));

        var back = await admin.PostAsync($"/Admin/Units/{successor}",
            (await Html.GetFormAsync(admin, $"/Admin/Units/{successor}", "form#succession-form"))
            .With(("Input.Kind", "RenamedTo"), ("Input.SuccessorId", Id(old)), ("Input.EffectiveOn", "2025-08-01")));
        Assert.Equal(HttpStatusCode.BadRequest, back.StatusCode);
        Assert.Contains("vòng lặp", FieldError(await Html.ParseAsync(back), "Input.SuccessorId"));

        Assert.Equal(1, await app.WithDbAsync(db => db.OrgUnitSuccessions.CountAsync(s => s.PredecessorId == old || s.PredecessorId == successor)));
    }

    [Fact]
    public async Task Linking_a_unit_to_itself_is_refused()
    {
        var admin = await app.SignedInBrowserAsync("admin");
        var kind = await app.CreateKindAsync(admin);
        var unit = await CreateUnitAsync(admin, kind, Unique("Đơn vị tự liên kết"));

        var form = await Html.GetFormAsync(admin, $"/Admin/Units/{unit}", "form#succession-form");
        var response = await admin.PostAsync($"/Admin/Units/{unit}", form.With(
            ("Input.Kind", "RenamedTo"), ("Input.SuccessorId", Id(unit)), ("Input.EffectiveOn", "2025-07-01"), ("Input.Note", "ghi chú giữ lại")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("Không thể liên kết một đơn vị với chính nó.", FieldError(page, "Input.SuccessorId"));
        Assert.Equal("ghi chú giữ lại", page.QuerySelector("textarea[name='Input.Note']")!.TextContent.Trim());
        Assert.False(await app.WithDbAsync(db => db.OrgUnitSuccessions.AnyAsync(s => s.PredecessorId == unit)));
    }

    [Fact]
    public async Task An_unknown_unit_answers_404()
    {
        var admin = await app.SignedInBrowserAsync("admin");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/Admin/Units/987654")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/Admin/Units/987654/Edit")).StatusCode);
    }

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
