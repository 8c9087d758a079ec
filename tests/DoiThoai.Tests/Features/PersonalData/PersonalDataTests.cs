using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using DoiThoai.Tests.Features.Items;
using DoiThoai.Tests.Features.Sessions;
using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Notifications;
using DoiThoai.Web.Features.PersonalData;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DoiThoai.Tests.Features.PersonalData;

/// <summary>A person's data exported and anonymised on request, through the administration page, and the record of it (ADR 0021).</summary>
public sealed class PersonalDataTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static string DataUrl(int personId) => $"/Admin/People/{personId}/Data";

    private static async Task<HttpResponseMessage> PostAsync(HttpClient admin, int personId, string handler, params (string, string)[] values)
    {
        var form = await Html.GetFormAsync(admin, DataUrl(personId), $"form#{handler.ToLowerInvariant()}-form");
        return await admin.PostAsync(form.Action, form.With(values));
    }

    private Task<long> NotifyAsync(string userName, string title) => app.WithDbAsync(async db =>
    {
        var userId = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        var n = new Notification { UserId = userId, Kind = NotificationKind.Assigned, Title = title, Body = title, CreatedAtUtc = AppFactory.Now.UtcDateTime };
        db.Notifications.Add(n);
        await db.SaveChangesAsync();
        return n.Id;
    });

    [Fact]
    public async Task The_export_holds_the_persons_record_account_items_and_notifications_and_nothing_of_anyone_else_nor_any_secret()
    {
        var person = await app.PersonIdAsync("Đoàn Văn Mật");
        var mine = SessionPages.Unique("Thông báo riêng cho đảng viên");
        var others = SessionPages.Unique("Thông báo cho văn phòng");
        await NotifyAsync("dangvien", mine);
        await NotifyAsync("vanphong", others);
        var admin = await app.SignedInBrowserAsync("admin");

        var response = await PostAsync(admin, person, "Export", ("Reason", "Đơn đề nghị ngày 20/11/2026 của đồng chí"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains($"du-lieu-ca-nhan-{person}.json", response.Content.Headers.ContentDisposition!.ToString());
        var raw = await response.Content.ReadAsStringAsync();
        var export = JsonNode.Parse(raw)!;
        Assert.Equal("Đoàn Văn Mật", export["person"]!["fullName"]!.GetValue<string>());
        var account = export["accounts"]!.AsArray().Single()!;
        Assert.Equal("dangvien", account["userName"]!.GetValue<string>());
        Assert.Contains("Member", account["roles"]!.AsArray().Select(r => r!.GetValue<string>()));

        var expected = await app.WithDbAsync(db => db.Items.Where(i => i.RaisedByPersonId == person).Select(i => i.Id).ToListAsync());
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(), export["items"]!.AsArray().Select(i => i!["id"]!.GetValue<int>()).Order());
        var notifications = export["notifications"]!.AsArray().Select(n => n!["title"]!.GetValue<string>()).ToList();
        Assert.Contains(mine, notifications);
        Assert.DoesNotContain(others, raw);

        // Nobody else's items, and no secret of the account.
        var foreignTexts = await app.WithDbAsync(db => db.Items.Where(i => i.RaisedByPersonId != person || i.RaisedByPersonId == null)
            .OrderBy(i => i.Id).Select(i => i.Text).Take(20).ToListAsync());
        foreach (var text in foreignTexts) Assert.DoesNotContain(text, raw);
        var secrets = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "dangvien").Select(u => new { u.PasswordHash, u.SecurityStamp, u.ConcurrencyStamp }).SingleAsync());
        Assert.DoesNotContain(secrets.PasswordHash!, raw);
        Assert.DoesNotContain(secrets.SecurityStamp!, raw);
        Assert.DoesNotContain(secrets.ConcurrencyStamp!, raw);
        Assert.DoesNotContain("password", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("stamp", raw, StringComparison.OrdinalIgnoreCase);

        var recorded = await app.WithDbAsync(db => db.PersonalDataActions.Where(a => a.PersonId == person).ToListAsync());
        var action = Assert.Single(recorded);
        Assert.Equal((PersonalDataActionKind.Export, "Đơn đề nghị ngày 20/11/2026 của đồng chí"), (action.Kind, action.Reason));
        var list = await Html.GetDocumentAsync(admin, "/Admin/PersonalData");
        Assert.Contains("Đơn đề nghị ngày 20/11/2026 của đồng chí", list.QuerySelector("table.personal-data-actions")!.TextContent);
    }

    [Fact]
    public async Task Anonymisation_leaves_no_trace_of_the_name_keeps_the_items_reindexes_them_and_locks_the_account()
    {
        var suffix = new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray()).PadRight(6, 'q');
        var name = "Vũ Thị Hoà" + suffix;
        var email = $"hoa{suffix}@doithoai.example";
        var admin = await app.SignedInBrowserAsync("admin");
        var create = await Html.GetFormAsync(admin, "/Admin/People/Create");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync("/Admin/People/Create", create.With(
            ("Input.FullName", name), ("Input.Position", "Bí thư Chi bộ thôn Đông"), ("Input.Email", email), ("Input.Phone", "0912 345 678")))).StatusCode);
        var person = await app.PersonIdAsync(name);
        var userName = "hoa" + suffix;
        string userId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var db = scope.ServiceProvider.GetRequiredService<DoiThoai.Web.Data.AppDbContext>();
            var unit = await db.People.Where(p => p.FullName == "Đoàn Văn Mật").Select(p => p.OrgUnitId!.Value).FirstAsync();
            var user = new AppUser { UserName = userName, Email = email, DisplayName = name, OrgUnitId = unit, PersonId = person };
            Assert.True((await users.CreateAsync(user, AppFactory.DemoPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Member)).Succeeded);
            userId = user.Id;
        }
        await NotifyAsync(userName, "Thông báo gửi " + name);

        // One item sent by the person themselves, one recorded by the office with the name written out.
        var office = await app.SignedInBrowserAsync("vanphong");
        var planned = await app.PlanSessionAsync(office, SessionPages.Unique("Hội nghị lấy ý kiến"));
        var member = await app.SignedInBrowserAsync(userName);
        var ownText = SessionPages.Unique("Đề nghị sửa đường liênthônz");
        var memberForm = await Html.GetFormAsync(member, $"/Items/Create?sessionId={planned}", "form.item-form");
        Assert.Equal(HttpStatusCode.Redirect, (await member.PostAsync($"/Items/Create?sessionId={planned}", memberForm.With(("Input.Text", ownText)))).StatusCode);
        var officeApi = await app.ApiClientAsync("vanphong");
        var held = await app.HeldSessionAsync(officeApi);
        var recordedText = SessionPages.Unique("Đề nghị hỗ trợ nhà văn hoá thônz");
        var recorded = await officeApi.PostJsonAsync($"/api/v1/sessions/{held}/items", new
        {
            kind = "opinion", stage = "atSession", raisedByPersonId = person, speakerName = name + ", Bí thư Chi bộ thôn Đông",
            confidentiality = "public", text = recordedText,
        }, HttpStatusCode.Created);
        var items = await app.WithDbAsync(db => db.Items.Where(i => i.RaisedByPersonId == person).Select(i => i.Id).ToListAsync());
        Assert.Equal(2, items.Count);
        Assert.Contains(recorded["id"]!.GetValue<int>(), items);
        var lastChange = await app.WithDbAsync(db => db.SearchChanges.MaxAsync(c => c.Id));

        var response = await PostAsync(admin, person, "Anonymise", ("Reason", "Đơn đề nghị số 12 ngày 25/11/2026"), ("Confirm", "true"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var label = $"Người đã ẩn danh #{person}";
        var rows = await app.WithDbAsync(async db => new
        {
            Person = await db.People.Where(p => p.Id == person).Select(p => new { p.FullName, p.Position, p.Email, p.Phone, p.OrgUnitId }).SingleAsync(),
            User = await db.Users.Where(u => u.Id == userId).Select(u => new { u.UserName, u.NormalizedUserName, u.DisplayName, u.Email, u.NormalizedEmail, u.PhoneNumber, u.PasswordHash, u.IsActive }).SingleAsync(),
            Items = await db.Items.Where(i => items.Contains(i.Id)).Select(i => new { i.Id, i.RaisedByPersonId, i.SpeakerName, i.Text }).ToListAsync(),
            History = await db.History.Where(h => h.ActorUserId == userId || (h.ItemId != null && items.Contains(h.ItemId.Value))).Select(h => new { h.ActorName, h.Note }).ToListAsync(),
            Notifications = await db.Notifications.Where(n => n.UserId == userId || (n.ItemId != null && items.Contains(n.ItemId.Value))).Select(n => new { n.Title, n.Body }).ToListAsync(),
            Reindexed = await db.SearchChanges.Where(c => c.Id > lastChange && c.ItemId != null).Select(c => c.ItemId!.Value).ToListAsync(),
            Action = await db.PersonalDataActions.Where(a => a.PersonId == person).Select(a => new { a.Kind, a.Reason, a.ActorName }).SingleAsync(),
        });
        var dump = JsonSerializer.Serialize(rows, SpeakerVisibilityTests.Unescaped);
        foreach (var trace in new[] { name, "Hoà" + suffix, email, "0912 345 678", userName })
            Assert.DoesNotContain(trace, dump, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(label, rows.Person.FullName);
        Assert.Equal((null, null, null, (int?)null), (rows.Person.Position, rows.Person.Email, rows.Person.Phone, rows.Person.OrgUnitId));
        Assert.Equal((label, null, null, false), (rows.User.DisplayName, rows.User.Email, rows.User.PasswordHash, rows.User.IsActive));
        Assert.Contains(rows.History, h => h.ActorName == label); // what the account did stays, under the label
        Assert.Empty(rows.Notifications);
        // The items stay, as records of the committee, linked to the anonymised person and searchable by their text.
        Assert.Equal([ownText, recordedText], rows.Items.OrderBy(i => i.Id).Select(i => i.Text));
        Assert.All(rows.Items, i => Assert.Equal((person, (string?)null), (i.RaisedByPersonId!.Value, i.SpeakerName)));
        Assert.Equal(items.Order(), rows.Reindexed.Distinct().Order());
        var adminName = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "admin").Select(u => u.DisplayName).SingleAsync());
        Assert.Equal((PersonalDataActionKind.Anonymise, "Đơn đề nghị số 12 ngày 25/11/2026", adminName), (rows.Action.Kind, rows.Action.Reason, rows.Action.ActorName));

        var search = await officeApi.GetJsonAsync($"/api/v1/search?q={Uri.EscapeDataString("Hoà" + suffix)}&kind=");
        Assert.Equal(0, search["total"]!.GetValue<int>());
        var byText = await officeApi.GetJsonAsync($"/api/v1/search?q={Uri.EscapeDataString(recordedText)}&kind=item");
        Assert.Contains(byText["items"]!.AsArray(), h => h!["itemId"]!.GetValue<int>() == recorded["id"]!.GetValue<int>());
        var page = await Html.GetDocumentAsync(office, $"/Items/{recorded["id"]}");
        Assert.Contains(label, page.QuerySelector("dl.facts")!.TextContent);

        // The account is closed: its open session ends and it cannot sign in again.
        Assert.NotEqual(HttpStatusCode.OK, (await member.GetAsync("/Items")).StatusCode);
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.SignedInBrowserAsync(userName));

        // A second anonymisation is refused, and the page says it is done.
        var data = await Html.GetDocumentAsync(admin, DataUrl(person));
        Assert.Contains("Người này đã được ẩn danh.", data.Body!.TextContent);
        Assert.Null(data.QuerySelector("form#anonymise-form"));
    }

    [Fact]
    public async Task A_request_without_its_reference_or_confirmation_is_refused_with_400_and_changes_nothing()
    {
        var person = await app.PersonIdAsync("Thân Văn Khoa");
        var admin = await app.SignedInBrowserAsync("admin");

        foreach (var (handler, values, message) in new[]
        {
            ("Export", new[] { ("Reason", "   ") }, "Cần ghi căn cứ của yêu cầu"),
            ("Anonymise", new[] { ("Reason", ""), ("Confirm", "true") }, "Cần ghi căn cứ của yêu cầu"),
            ("Anonymise", new[] { ("Reason", "Đơn đề nghị ngày 01/11/2026") }, "Cần đánh dấu ô xác nhận"),
        })
        {
            var response = await PostAsync(admin, person, handler, values);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var page = await Html.ParseAsync(response);
            Assert.Contains(message, page.QuerySelector($"form#{handler.ToLowerInvariant()}-form .errors")!.TextContent);
        }
        Assert.Equal("Thân Văn Khoa", await app.WithDbAsync(db => db.People.Where(p => p.Id == person).Select(p => p.FullName).SingleAsync()));
        Assert.False(await app.WithDbAsync(db => db.PersonalDataActions.AnyAsync(a => a.PersonId == person)));
    }

    [Theory]
    [InlineData("vanphong")]
    [InlineData("lanhdao")]
    [InlineData("bantochuc")]
    [InlineData("dangvien")]
    [InlineData("bientap")]
    public async Task Only_administrators_see_or_act_on_a_persons_data(string userName)
    {
        var person = await app.PersonIdAsync("Đoàn Văn Mật");
        var admin = await app.SignedInBrowserAsync("admin");
        var form = await Html.GetFormAsync(admin, DataUrl(person), "form#anonymise-form");
        var caller = await app.SignedInBrowserAsync(userName);

        foreach (var url in new[] { DataUrl(person), "/Admin/PersonalData" })
        {
            var response = await caller.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await caller.GetAsync(response.Headers.Location)).StatusCode);
        }
        var post = await caller.PostAsync(form.Action, form.With(("Reason", "Đơn giả"), ("Confirm", "true")));
        Assert.False(post.IsSuccessStatusCode);
        if (post.StatusCode == HttpStatusCode.Redirect) Assert.Contains("/Account/AccessDenied", post.Headers.Location!.OriginalString);
        Assert.Equal("Đoàn Văn Mật", await app.WithDbAsync(db => db.People.Where(p => p.Id == person).Select(p => p.FullName).SingleAsync()));
        Assert.False(await app.WithDbAsync(db => db.PersonalDataActions.AnyAsync(a => a.Reason == "Đơn giả")));
    }
}
