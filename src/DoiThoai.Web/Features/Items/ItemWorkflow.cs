using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Organisation;
using DoiThoai.Web.Features.Sessions;

namespace DoiThoai.Web.Features.Items;

/// <summary>Arguments of an item action; each action reads only the ones it needs.</summary>
public sealed record ItemActionArgs(
    int? TopicId = null, ItemKind? Kind = null, Urgency? Urgency = null, Confidentiality? Confidentiality = null,
    string? Answer = null, AnswerOutcome? Outcome = null, string? AnsweredBy = null,
    int? LeadUnitId = null, IReadOnlyList<int>? CoUnitIds = null, DateOnly? DueOn = null,
    string? Reason = null, string? Note = null);

/// <summary>A new item as the form or the API sends it, before its ids are checked.</summary>
public sealed record ItemInput(
    ItemKind? Kind, RaisedStage? Stage, int? RaisedByPersonId, string? SpeakerName, int? OnBehalfOfUnitId,
    int? TopicId, Urgency? Urgency, Confidentiality? Confidentiality, string? Text);

/// <summary>
/// What pages and the API both do with items: check access and ids, call the entity's transition,
/// save. The rules themselves live on <see cref="Item"/>.
/// </summary>
public sealed class ItemWorkflow(AppDbContext db, UserScope scope, References refs, TimeProvider clock)
{
    private DateTime NowUtc => clock.GetUtcNow().UtcDateTime;

    /// <summary>An item the caller may read, with what its page needs; 404 otherwise.</summary>
    public async Task<Item> FindVisibleAsync(int id) =>
        await (await scope.ItemsAsync())
            .Include(i => i.Session).ThenInclude(s => s!.HostUnit)
            .Include(i => i.Topic).Include(i => i.RaisedByPerson).Include(i => i.OnBehalfOfUnit)
            .Include(i => i.Assignments).ThenInclude(a => a.LeadUnit)
            .Include(i => i.Assignments).ThenInclude(a => a.CoUnits).ThenInclude(c => c.OrgUnit)
            .Include(i => i.History)
            .AsSplitQuery()
            .SingleOrDefaultAsync(i => i.Id == id)
        ?? throw new NotFoundException("Không tìm thấy ý kiến, kiến nghị.");

    /// <summary>The actions the caller may perform now: the entity's, if the caller's role moves items.</summary>
    public IReadOnlyList<string> AllowedActionsFor(Item item) => AllowedActionsFor(item.Status);

    public IReadOnlyList<string> AllowedActionsFor(ItemStatus status) => scope.IsSecretariat ? Item.AllowedActionsIn(status) : [];

    /// <summary>
    /// Records an item on a session. Office staff record any stage; a member may submit an item of
    /// their own before the session while it collects opinions.
    /// </summary>
    public async Task<Item> RaiseAsync(int sessionId, ItemInput input)
    {
        var details = await CheckAsync(input);
        if (!scope.IsSecretariat)
        {
            var personId = await scope.PersonIdAsync();
            if (!scope.IsInRole(Roles.Member) || personId is null || details.Stage != RaisedStage.BeforeSession)
                throw new AccessDeniedException();
            details = details with { RaisedByPersonId = personId, SpeakerName = null };
        }
        var actor = await scope.ActorAsync();
        // Numbers run 1, 2, 3 … per session under a unique index. Two clerks recording at the same
        // moment may pick the same number; the loser of that race simply takes the next one.
        for (var attempt = 1; ; attempt++)
        {
            var session = await (await scope.SessionsAsync()).SingleOrDefaultAsync(s => s.Id == sessionId)
                ?? throw new NotFoundException("Không tìm thấy hội nghị.");
            var number = (await db.Items.Where(i => i.SessionId == sessionId).MaxAsync(i => (int?)i.Number) ?? 0) + 1;
            var item = Item.Raise(session, number, details, actor, NowUtc);
            db.Items.Add(item);
            try
            {
                await db.SaveChangesAsync();
                return item;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    public async Task<Item> PerformAsync(int id, string action, ItemActionArgs args)
    {
        var item = await FindVisibleAsync(id);
        if (!scope.IsSecretariat) throw new AccessDeniedException();
        var actor = await scope.ActorAsync();
        var now = NowUtc;
        Check.MaxLength(args.Note, "note", "Ghi chú", ItemRules.MaxNoteLength);
        Check.MaxLength(args.Reason, "reason", "Lý do", ItemRules.MaxNoteLength);
        switch (action)
        {
            case Item.Actions.Classify:
                var topicId = Check.Present(args.TopicId, "topicId", "Cần chọn lĩnh vực.");
                await refs.TopicAsync(topicId);
                item.Classify(topicId, args.Kind ?? item.Kind, args.Urgency ?? item.Urgency,
                    args.Confidentiality ?? item.Confidentiality, actor, now, args.Note);
                break;
            case Item.Actions.Answer:
                Check.MaxLength(args.Answer, "answer", "Nội dung trả lời", ItemRules.MaxTextLength);
                Check.MaxLength(args.AnsweredBy, "answeredBy", "Người trả lời", 200);
                item.AnswerAtSession(args.Answer ?? "", args.Outcome ?? AnswerOutcome.Explained, args.AnsweredBy ?? "", actor, now);
                break;
            case Item.Actions.Accept:
                item.Accept(actor, now, args.Note);
                break;
            case Item.Actions.Assign:
                var lead = Check.Present(args.LeadUnitId, "leadUnitId", "Cần chọn đơn vị chủ trì xử lý.");
                var due = Check.Present(args.DueOn, "dueOn", "Cần nhập hạn xử lý.");
                await refs.UnitInScopeAsync(lead, "leadUnitId");
                var coUnits = (args.CoUnitIds ?? []).Distinct().ToList();
                if (coUnits.Count > 20) throw new DomainValidationException("coUnitIds", "Tối đa 20 đơn vị phối hợp.");
                foreach (var co in coUnits) await refs.UnitInScopeAsync(co, "coUnitIds");
                item.AssignTo(lead, coUnits, due, args.Note, actor, now);
                break;
            case Item.Actions.Return:
                item.Return(args.Reason ?? "", actor, now);
                break;
            case Item.Actions.Close:
                item.Close(actor, now, args.Note);
                break;
            default:
                throw new DomainValidationException("action", $"Thao tác \"{action}\" không tồn tại. Các thao tác: {string.Join(", ", Item.Actions.All)}.");
        }
        await db.SaveChangesAsync();
        return item;
    }

    private async Task<ItemDetails> CheckAsync(ItemInput input)
    {
        var text = Check.Required(input.Text, "text", "Nội dung ý kiến", ItemRules.MaxTextLength);
        Check.MaxLength(input.SpeakerName, "speakerName", "Người phát biểu", 120);
        if (input.RaisedByPersonId is { } personId) await refs.PersonAsync(personId, "raisedByPersonId");
        if (input.OnBehalfOfUnitId is { } unitId) await refs.UnitAsync(unitId, "onBehalfOfUnitId");
        if (input.TopicId is { } topicId) await refs.TopicAsync(topicId);
        return new ItemDetails(
            input.Kind ?? ItemKind.Opinion,
            input.Stage ?? RaisedStage.AtSession,
            input.RaisedByPersonId,
            input.SpeakerName,
            input.OnBehalfOfUnitId,
            input.TopicId,
            input.Urgency ?? Urgency.Normal,
            input.Confidentiality ?? Confidentiality.Internal,
            text);
    }
}
