using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Sessions;
using DoiThoai.Web.Features.Notifications;
using DoiThoai.Web.Features.Search;

namespace DoiThoai.Web.Features.PersonalData;

/// <summary>
/// A person's data on request (ADR 0021): everything the system holds about them, exported; or
/// their name and contact details replaced, with the items they raised kept as records of the
/// committee. Each action is recorded as a <see cref="PersonalDataAction"/> in the same transaction.
/// </summary>
public sealed class PersonalDataService(AppDbContext db, TimeProvider clock)
{
    public sealed record PersonPart(int Id, string FullName, string? Position, string? Unit, string? Email, string? Phone);
    public sealed record AccountPart(string UserName, string? DisplayName, string? Email, string? Phone, string? Unit,
        IReadOnlyList<string> Roles, bool IsActive, EmailDelivery EmailDelivery);
    public sealed record ItemPart(int Id, int SessionId, string Session, DateTime SessionStartsAtUtc, int Number, ItemKind Kind,
        DateTime RaisedAtUtc, string? SpeakerName, string? OnBehalfOfUnit, string Text, ItemStatus Status,
        string? Answer, AnswerOutcome? Outcome, DateTime? AnsweredAtUtc, bool? Satisfied, string? SatisfactionNote);
    public sealed record NotificationPart(DateTime CreatedAtUtc, string Title, string Body, string? Link, DateTime? ReadAtUtc);
    public sealed record Export(DateTime ExportedAtUtc, PersonPart Person, IReadOnlyList<AccountPart> Accounts,
        IReadOnlyList<ItemPart> Items, IReadOnlyList<NotificationPart> Notifications);

    /// <summary>Readable Vietnamese in the file (no \u escapes); it is a download, never embedded in a page.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Label(int personId) => $"Người đã ẩn danh #{personId}";

    private DateTime NowUtc => clock.GetUtcNow().UtcDateTime;

    public async Task<bool> IsAnonymisedAsync(int personId) =>
        await db.PersonalDataActions.AnyAsync(a => a.PersonId == personId && a.Kind == PersonalDataActionKind.Anonymise);

    /// <summary>The person's data as a JSON file, and the export recorded. Unknown person: <see cref="NotFoundException"/>.</summary>
    public async Task<byte[]> ExportAsync(int personId, string? reason, Actor actor, CancellationToken ct = default)
    {
        var record = PersonalDataAction.Of(personId, PersonalDataActionKind.Export, reason, actor, NowUtc);
        var export = await CollectAsync(personId, ct);
        db.PersonalDataActions.Add(record);
        await db.SaveChangesAsync(ct);
        return JsonSerializer.SerializeToUtf8Bytes(export, Json);
    }

    public async Task<Export> CollectAsync(int personId, CancellationToken ct = default)
    {
        var person = await db.People.AsNoTracking().Where(p => p.Id == personId)
            .Select(p => new PersonPart(p.Id, p.FullName, p.Position, p.OrgUnit!.Name, p.Email, p.Phone))
            .SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Không tìm thấy người này.");
        // No password hash, security stamp, tokens or lockout counters: they are secrets, not data about the person.
        var users = await db.Users.AsNoTracking().Where(u => u.PersonId == personId).OrderBy(u => u.UserName)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.Email, u.PhoneNumber, Unit = u.OrgUnit!.Name, u.IsActive, u.EmailDelivery })
            .ToListAsync(ct);
        var userIds = users.Select(u => u.Id).ToList();
        var roles = (await db.UserRoles.Where(ur => userIds.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(ct)).ToLookup(r => r.UserId, r => r.Name ?? "");
        var items = (await db.Items.AsNoTracking().Where(i => i.RaisedByPersonId == personId)
            .OrderBy(i => i.Session!.StartsAtUtc).ThenBy(i => i.Number)
            .Select(i => new
            {
                i.Id, i.SessionId, Session = i.Session!.Title, i.Session.StartsAtUtc, i.Number, i.Kind, i.RaisedAtUtc, i.SpeakerName,
                Unit = i.OnBehalfOfUnit!.Name, i.Text, i.Status, i.Answer, i.Outcome, i.AnsweredAtUtc, i.Satisfied, i.SatisfactionNote,
            })
            .ToListAsync(ct))
            // The answer is theirs once it is final; drafts are the handling units' work.
            .Select(i =>
            {
                var settled = ItemWorkflow.IsSettledAnswer(i.Status, i.Answer);
                return new ItemPart(i.Id, i.SessionId, i.Session, i.StartsAtUtc, i.Number, i.Kind, i.RaisedAtUtc, i.SpeakerName, i.Unit,
                    i.Text, i.Status, settled ? i.Answer : null, settled ? i.Outcome : null, settled ? i.AnsweredAtUtc : null,
                    i.Satisfied, i.SatisfactionNote);
            })
            .ToList();
        var notifications = await db.Notifications.AsNoTracking().Where(n => userIds.Contains(n.UserId))
            .OrderBy(n => n.CreatedAtUtc).ThenBy(n => n.Id)
            .Select(n => new NotificationPart(n.CreatedAtUtc, n.Title, n.Body, n.Link, n.ReadAtUtc))
            .ToListAsync(ct);
        return new Export(NowUtc, person,
            users.Select(u => new AccountPart(u.UserName ?? "", u.DisplayName, u.Email, u.PhoneNumber, u.Unit,
                roles[u.Id].Order(StringComparer.Ordinal).ToList(), u.IsActive, u.EmailDelivery)).ToList(),
            items, notifications);
    }

    /// <summary>
    /// Replaces the person's name and contact details, switches off and strips their accounts,
    /// clears the speaker name written on their items and re-indexes those items, all in one
    /// transaction with the record of it. The items, answers and history stay.
    /// </summary>
    public async Task AnonymiseAsync(int personId, string? reason, Actor actor, CancellationToken ct = default)
    {
        var record = PersonalDataAction.Of(personId, PersonalDataActionKind.Anonymise, reason, actor, NowUtc);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId, ct)
            ?? throw new NotFoundException("Không tìm thấy người này.");
        if (await IsAnonymisedAsync(personId))
            throw new DomainValidationException("", "Người này đã được ẩn danh.");
        var name = person.FullName;
        var label = Label(personId);
        person.FullName = label;
        person.Position = null;
        person.Email = null;
        person.Phone = null;
        person.OrgUnitId = null;

        var users = await db.Users.Where(u => u.PersonId == personId).ToListAsync(ct);
        foreach (var user in users)
        {
            // The row stays (history and notifications point at it); nothing in it names anyone, and it cannot sign in.
            var handle = "an-danh-" + user.Id;
            user.UserName = handle;
            user.NormalizedUserName = handle.ToUpperInvariant();
            user.DisplayName = label;
            user.Email = null;
            user.NormalizedEmail = null;
            user.EmailConfirmed = false;
            user.PhoneNumber = null;
            user.PhoneNumberConfirmed = false;
            user.PasswordHash = null;
            user.SecurityStamp = Guid.NewGuid().ToString("N"); // every cookie and token issued before stops working
            user.IsActive = false;
            user.LockoutEnabled = true;
            user.LockoutEnd = DateTimeOffset.MaxValue;
            user.EmailDelivery = EmailDelivery.Off;
        }
        var userIds = users.Select(u => u.Id).ToList();
        db.UserLogins.RemoveRange(await db.UserLogins.Where(l => userIds.Contains(l.UserId)).ToListAsync(ct));
        db.UserTokens.RemoveRange(await db.UserTokens.Where(t => userIds.Contains(t.UserId)).ToListAsync(ct));
        db.UserClaims.RemoveRange(await db.UserClaims.Where(c => userIds.Contains(c.UserId)).ToListAsync(ct));
        // Messages kept for the person alone; they are not the committee's record (the history is).
        db.Notifications.RemoveRange(await db.Notifications.Where(n => userIds.Contains(n.UserId)).ToListAsync(ct));

        var items = await db.Items.Where(i => i.RaisedByPersonId == personId).ToListAsync(ct);
        var now = NowUtc;
        foreach (var item in items)
        {
            // A changed item gets its change-log row from SearchChangeInterceptor; the others are
            // re-indexed too, so that no copy of the old record outlives this in any node's index.
            if (!item.ForgetSpeakerName()) db.SearchChanges.Add(SearchChange.ForItem(item.Id, now));
        }

        // Others' notifications about the items (the office asked to reach a speaker without an account) named them.
        var itemIds = items.Select(i => i.Id).ToList();
        foreach (var n in await db.Notifications.Where(n => n.ItemId != null && itemIds.Contains(n.ItemId.Value)).ToListAsync(ct))
        {
            n.Title = n.Title.Replace(name, label, StringComparison.Ordinal);
            n.Body = n.Body.Replace(name, label, StringComparison.Ordinal);
        }
        db.PersonalDataActions.Add(record);
        await db.SaveChangesAsync(ct);
        // What the accounts did stays in the record under the neutral label (append-only rows, hence a bulk update).
        if (userIds.Count > 0)
        {
            await db.History.Where(h => h.ActorUserId != null && userIds.Contains(h.ActorUserId))
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.ActorName, label), ct);
            await db.TaskTimeline.Where(h => h.ActorUserId != null && userIds.Contains(h.ActorUserId))
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.ActorName, label), ct);
            // Session pages show the history's names: a bulk update is not seen by SaveChanges (ADR 0023).
            await SessionPageVersions.WriteAsync(db, [], reference: true, ct);
        }
        await transaction.CommitAsync(ct);
    }
}
