using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Calendar;
using DoiThoai.Web.Features.Notifications;
using DoiThoai.Web.Features.Organisation;
using DoiThoai.Web.Features.Sessions;

namespace DoiThoai.Web.Features.Items;

/// <summary>Arguments of an item action; each action reads only the ones it needs.</summary>
public sealed record ItemActionArgs(
    int? TopicId = null, ItemKind? Kind = null, Urgency? Urgency = null, Confidentiality? Confidentiality = null,
    string? Answer = null, AnswerOutcome? Outcome = null, string? AnsweredBy = null,
    int? LeadUnitId = null, IReadOnlyList<int>? CoUnitIds = null, DateOnly? DueOn = null,
    string? Reason = null, string? Note = null,
    DateOnly? CoOperatingDueOn = null, DateOnly? RequestedDueOn = null, bool? Grant = null, DateOnly? GrantedDueOn = null,
    string? OutcomeNote = null, bool? Satisfied = null, int? TargetItemId = null, string? To = null,
    int? UnitId = null, string? Text = null, int? Version = null);

/// <summary>A new item as the form or the API sends it, before its ids are checked.</summary>
public sealed record ItemInput(
    ItemKind? Kind, RaisedStage? Stage, int? RaisedByPersonId, string? SpeakerName, int? OnBehalfOfUnitId,
    int? TopicId, Urgency? Urgency, Confidentiality? Confidentiality, string? Text);

/// <summary>
/// What pages and the API both do with items: check access and ids, call the entity's transition,
/// save. The entity says WHEN an action is allowed; <see cref="ItemCaller"/> says WHO may do it.
/// </summary>
public sealed class ItemWorkflow(
    AppDbContext db, UserScope scope, References refs, TimeProvider clock,
    WorkingCalendar calendar, Notifier notifier, AttachmentStore attachments)
{
    /// <summary>Bulk answers take at most this many items at once.</summary>
    public const int MaxBulkItems = 200;

    /// <summary>The key of <see cref="Exception.Data"/> naming the item a bulk action failed on.</summary>
    public const string FailedItemKey = "itemId";

    private DateTime NowUtc => clock.GetUtcNow().UtcDateTime;
    private ItemCaller? caller;

    /// <summary>The caller as the permission rules see them, loaded once per request.</summary>
    public async Task<ItemCaller> CallerAsync() =>
        caller ??= await scope.ItemCallerAsync();

    /// <summary>An item the caller may read, with what its page needs; 404 otherwise.</summary>
    public async Task<Item> FindVisibleAsync(int id) =>
        await (await scope.ItemsAsync())
            .Include(i => i.Session).ThenInclude(s => s!.HostUnit)
            .Include(i => i.Topic).Include(i => i.RaisedByPerson).Include(i => i.OnBehalfOfUnit)
            .Include(i => i.Assignments).ThenInclude(a => a.LeadUnit)
            .Include(i => i.Assignments).ThenInclude(a => a.CoUnits).ThenInclude(c => c.OrgUnit)
            .Include(i => i.ExtensionRequests)
            .Include(i => i.Contributions).ThenInclude(c => c.OrgUnit)
            .Include(i => i.History)
            .AsSplitQuery()
            .SingleOrDefaultAsync(i => i.Id == id)
        ?? throw new NotFoundException("Không tìm thấy ý kiến, kiến nghị.");

    /// <summary>
    /// Whether an item's answer is final, so that its speaker and the items merged into it see it:
    /// given at the session, or approved by the leader (and since published or closed). A draft, a
    /// draft sent back, or a new draft after the speaker was not satisfied is not.
    /// </summary>
    public static bool IsSettledAnswer(ItemStatus status, string? answer) =>
        answer is not null && status is ItemStatus.AnsweredAtSession or ItemStatus.Approved or ItemStatus.Published or ItemStatus.Closed;

    /// <summary>
    /// A file that belongs to the final answer: attached with the answer itself (not a contribution)
    /// at or after the moment of the answer that was approved. Files of an earlier draft that the
    /// leader sent back stay with the people working on the item.
    /// </summary>
    public static bool IsFinalAnswerFile(int? contributionId, DateTime uploadedAtUtc, DateTime? answeredAtUtc) =>
        contributionId is null && answeredAtUtc is { } answeredAt && uploadedAtUtc >= answeredAt;

    /// <summary>The actions the caller may perform now: the entity's allowed ones that are the caller's to do.</summary>
    public async Task<IReadOnlyList<string>> AllowedActionsForAsync(Item item) => (await CallerAsync()).AllowedActions(ItemFacts.Of(item));

    /// <summary>
    /// The deadlines the calendar proposes for an assignment made today: the lead unit's and the
    /// co-operating units' (never after the lead unit's); null where no rule applies.
    /// </summary>
    public async Task<(DateOnly? Lead, DateOnly? CoOperating)> DefaultDueDatesAsync(ItemKind kind, DateOnly? leadDueOn = null)
    {
        var today = VietnamTime.Today(NowUtc);
        var lead = leadDueOn ?? await calendar.DueOnAsync(kind, DeadlineRole.Lead, today);
        var co = await calendar.DueOnAsync(kind, DeadlineRole.CoOperating, today);
        if (co is { } c && lead is { } l && c > l) co = l;
        return (lead, co);
    }

    /// <summary>
    /// Records an item on a session. Office staff record any stage; a member may submit an item of
    /// their own before the session while it collects opinions.
    /// </summary>
    public async Task<Item> RaiseAsync(int sessionId, ItemInput input)
    {
        var details = await CheckAsync(input);
        var host = await (await scope.SessionsAsync()).Where(s => s.Id == sessionId).Select(s => (int?)s.HostUnitId).SingleOrDefaultAsync()
            ?? throw new NotFoundException("Không tìm thấy hội nghị.");
        if (!await scope.RunsSessionAsync(host))
        {
            var personId = await scope.PersonIdAsync();
            if (!scope.IsInRole(Roles.Member) || personId is null || details.Stage != RaisedStage.BeforeSession)
                throw new AccessDeniedException();
            // A member speaks for themself; how the item is classified (confidentiality, urgency,
            // the unit it speaks for) is the office's call, whatever the request says.
            details = details with
            {
                RaisedByPersonId = personId, SpeakerName = null, OnBehalfOfUnitId = null,
                Confidentiality = Confidentiality.Internal, Urgency = Urgency.Normal,
            };
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
            catch (DbUpdateException e) when (attempt < 5 && DbErrors.IsUniqueViolation(e))
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>
    /// Performs one action on one item and saves. <paramref name="files"/> are attached to a draft
    /// answer or a contribution; they are checked (type by content, size) before anything changes,
    /// and stored only if the change is saved.
    /// </summary>
    public async Task<Item> PerformAsync(int id, string action, ItemActionArgs args, IReadOnlyList<IFormFile>? files = null)
    {
        var item = await FindVisibleAsync(id);
        await EnsureMayAsync(item, action);
        await EnsureCurrentAsync(item, args.Version);
        files ??= [];
        if (files.Count > 0 && action is not (Item.Actions.DraftAnswer or Item.Actions.Contribute))
            throw new DomainValidationException("files", "Chỉ đính kèm tệp khi dự thảo trả lời hoặc tham gia ý kiến phối hợp.");
        var uploads = await attachments.PrepareAsync(files);
        try
        {
            var contribution = await ApplyAsync(item, action, args);
            if (uploads.Count == 0)
            {
                await SaveAsync(item);
                return item;
            }
            // A contribution's id exists only once it is saved; the transaction keeps the change
            // and its attachments one unit.
            await using var transaction = await db.Database.BeginTransactionAsync();
            await SaveAsync(item);
            var actor = await scope.ActorAsync();
            foreach (var upload in uploads)
            {
                db.Attachments.Add(new Attachment
                {
                    ItemId = item.Id,
                    ContributionId = contribution?.Id,
                    FileName = upload.FileName,
                    ContentType = upload.ContentType,
                    Length = upload.Length,
                    Sha256 = upload.Sha256,
                    UploadedByUserId = actor.UserId,
                    UploadedAtUtc = NowUtc,
                });
            }
            await db.SaveChangesAsync();
            foreach (var upload in uploads) attachments.Commit(upload);
            await transaction.CommitAsync();
            return item;
        }
        finally
        {
            AttachmentStore.Discard(uploads);
        }
    }

    /// <summary>
    /// The same answer for several items (similar opinions of one topic): each item goes through
    /// its own transition and history, and all are saved together or none is. On failure the
    /// exception's <see cref="Exception.Data"/>[<see cref="FailedItemKey"/>] names the item.
    /// </summary>
    public async Task<IReadOnlyList<Item>> PerformManyAsync(IReadOnlyCollection<int> ids, string action, ItemActionArgs args)
    {
        if (action is not (Item.Actions.Answer or Item.Actions.DraftAnswer))
            throw new DomainValidationException("action", "Trả lời nhiều ý kiến cùng lúc chỉ dùng thao tác “answer” hoặc “draft-answer”.");
        var distinct = ids.Distinct().ToList();
        if (distinct.Count == 0)
            throw new DomainValidationException("itemIds", "Cần chọn ít nhất một ý kiến.");
        if (distinct.Count > MaxBulkItems)
            throw new DomainValidationException("itemIds", $"Mỗi lần trả lời tối đa {MaxBulkItems} ý kiến.");
        var done = new List<Item>();
        int? leadUnit = null;
        foreach (var id in distinct)
        {
            try
            {
                var item = await FindVisibleAsync(id);
                await EnsureMayAsync(item, action);
                // One drafted text speaks for one unit: items led by different units are answered apart.
                if (action == Item.Actions.DraftAnswer && item.CurrentAssignment is { } current)
                {
                    leadUnit ??= current.LeadUnitId;
                    if (current.LeadUnitId != leadUnit)
                        throw new DomainValidationException("itemIds", "Chỉ dự thảo chung cho các ý kiến giao cùng một đơn vị chủ trì.");
                }
                await ApplyAsync(item, action, args);
                done.Add(item);
            }
            catch (Exception e) when (e is DomainValidationException or WorkflowException or AccessDeniedException or NotFoundException)
            {
                // Nothing of the items before it is saved either.
                db.ChangeTracker.Clear();
                e.Data[FailedItemKey] = id;
                throw;
            }
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException e)
        {
            // One of them was changed by someone else meanwhile: none is saved, and that one is named.
            var changed = e.Entries.Select(x => x.Entity).OfType<Item>().FirstOrDefault();
            db.ChangeTracker.Clear();
            var conflict = changed is null ? new ConcurrencyConflictException(0, null, null, null, null) : await ConflictAsync(changed.Id);
            conflict.Data[FailedItemKey] = changed?.Id;
            throw conflict;
        }
        return done;
    }

    /// <summary>
    /// The form or client read <paramref name="readVersion"/>; if the item has moved on since, the
    /// change is refused with the change that came in between (ADR 0018). No version: no check here,
    /// though the version token still catches a save racing another one.
    /// </summary>
    private async Task EnsureCurrentAsync(Item item, int? readVersion)
    {
        if (readVersion is { } read && read != item.Version) throw await ConflictAsync(item.Id);
    }

    /// <summary>Saves one item's change; a concurrent save of the same item turns into the conflict.</summary>
    private async Task SaveAsync(Item item)
    {
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw await ConflictAsync(item.Id);
        }
    }

    /// <summary>
    /// The item's version as saved now and its latest history entry: who, when, what. The note
    /// (an answer, a reason) is told only to those who see the work on the item, as on its page.
    /// </summary>
    private async Task<ConcurrencyConflictException> ConflictAsync(int itemId)
    {
        var version = await db.Items.Where(i => i.Id == itemId).Select(i => i.Version).SingleAsync();
        var last = await db.History.AsNoTracking().Where(h => h.ItemId == itemId)
            .OrderByDescending(h => h.AtUtc).ThenByDescending(h => h.Id).FirstOrDefaultAsync();
        if (last is null) return new ConcurrencyConflictException(version, null, null, null, null);
        var facts = ItemFacts.Of(await FindVisibleAsync(itemId));
        var note = !ItemCaller.WorkActions.Contains(last.Action) || (await CallerAsync()).MaySeeWork(facts) ? last.Note : null;
        return new ConcurrencyConflictException(version, last.ActorName, last.AtUtc, ItemLabels.OfAction(last.Action), note);
    }

    /// <summary>403 for an action that is not the caller's (the caller can see the item, or this would be 404).</summary>
    private async Task EnsureMayAsync(Item item, string action)
    {
        if (!Item.Actions.All.Contains(action))
            throw new DomainValidationException("action", $"Thao tác \"{action}\" không tồn tại. Các thao tác: {string.Join(", ", Item.Actions.All)}.");
        if (!(await CallerAsync()).May(ItemFacts.Of(item), action))
            throw new AccessDeniedException();
    }

    /// <summary>Checks the arguments and calls the entity; returns the contribution a "contribute" created.</summary>
    private async Task<Contribution?> ApplyAsync(Item item, string action, ItemActionArgs args)
    {
        var actor = await scope.ActorAsync();
        var now = NowUtc;
        var today = VietnamTime.Today(now);
        Check.MaxLength(args.Note, "note", "Ghi chú", ItemRules.MaxNoteLength);
        Check.MaxLength(args.Reason, "reason", "Lý do", ItemRules.MaxNoteLength);
        Check.MaxLength(args.OutcomeNote, "outcomeNote", "Ghi chú kết quả", ItemRules.MaxNoteLength);
        Check.MaxLength(args.Answer, "answer", "Nội dung trả lời", ItemRules.MaxTextLength);
        Check.MaxLength(args.Text, "text", "Nội dung", ItemRules.MaxTextLength);
        switch (action)
        {
            case Item.Actions.Classify:
                var topicId = Check.Present(args.TopicId, "topicId", "Cần chọn lĩnh vực.");
                await refs.TopicAsync(topicId);
                item.Classify(topicId, args.Kind ?? item.Kind, args.Urgency ?? item.Urgency,
                    args.Confidentiality ?? item.Confidentiality, actor, now, args.Note);
                break;
            case Item.Actions.Answer:
                Check.MaxLength(args.AnsweredBy, "answeredBy", "Người trả lời", 200);
                item.AnswerAtSession(args.Answer ?? "", args.Outcome ?? AnswerOutcome.Explained, args.AnsweredBy ?? "", actor, now);
                break;
            case Item.Actions.Accept:
                item.Accept(actor, now, args.Note);
                break;
            case Item.Actions.Assign:
                await AssignAsync(item, args, actor, now);
                break;
            case Item.Actions.Return:
                item.Return(args.Reason ?? "", actor, now);
                break;
            case Item.Actions.Close:
                item.Close(actor, now, args.Note);
                break;
            case Item.Actions.Start:
                item.Start(actor, now, args.Note);
                break;
            case Item.Actions.ReturnToOffice:
                item.ReturnToOffice(args.Reason ?? "", actor, now);
                break;
            case Item.Actions.RequestExtension:
                var requested = Check.Present(args.RequestedDueOn, "requestedDueOn", "Cần nhập hạn đề nghị gia hạn.");
                if (requested < today)
                    throw new DomainValidationException("requestedDueOn", "Hạn đề nghị không được ở trong quá khứ.");
                item.RequestExtension(requested, args.Reason ?? "", actor, now);
                break;
            case Item.Actions.DecideExtension:
                var grant = Check.Present(args.Grant, "grant", "Cần chọn đồng ý hoặc không đồng ý gia hạn.");
                if (grant && args.GrantedDueOn is { } granted && granted < today)
                    throw new DomainValidationException("grantedDueOn", "Hạn mới không được ở trong quá khứ.");
                var decided = item.DecideExtension(grant, args.GrantedDueOn, args.Note, actor, now);
                await notifier.ExtensionDecidedAsync(item, decided);
                break;
            case Item.Actions.Progress:
                item.RecordProgress(args.Note ?? "", actor, now);
                break;
            case Item.Actions.Contribute:
                return item.Contribute(await ContributingUnitAsync(item, args.UnitId), args.Text ?? "", actor, now);
            case Item.Actions.DraftAnswer:
                var outcome = Check.Present(args.Outcome, "outcome", "Cần chọn kết quả trả lời.");
                item.DraftAnswer(args.Answer ?? "", outcome, args.OutcomeNote, actor, now);
                break;
            case Item.Actions.Approve:
                item.Approve(actor, now, args.Note);
                await notifier.AnswerApprovedAsync(item);
                break;
            case Item.Actions.SendBack:
                item.SendBack(args.Note ?? "", actor, now);
                break;
            case Item.Actions.Publish:
                item.Publish(actor, now, args.Note);
                await notifier.SatisfactionRequestedAsync(item);
                break;
            case Item.Actions.Confirm:
                var satisfied = Check.Present(args.Satisfied, "satisfied", "Cần chọn đồng ý hoặc chưa đồng ý với câu trả lời.");
                item.ConfirmSatisfaction(satisfied, args.Note, actor, now);
                break;
            case Item.Actions.Merge:
                await MergeAsync(item, args, actor, now);
                break;
            case Item.Actions.Unmerge:
                var target = item.MergedIntoItemId is { } targetId
                    ? await db.Items.SingleOrDefaultAsync(i => i.Id == targetId)
                    : null;
                if (target is null && item.Status == ItemStatus.Merged)
                    throw new DomainValidationException("targetItemId", "Không tìm thấy ý kiến đã gộp vào.");
                item.Unmerge(target!, actor, now);
                break;
            case Item.Actions.Escalate:
                Check.MaxLength(args.To, "to", "Nơi chuyển", 300);
                item.Escalate(args.To ?? "", args.Reason ?? "", actor, now);
                break;
            case Item.Actions.Redirect:
                item.Redirect(args.Reason ?? "", actor, now);
                break;
            default:
                throw new DomainValidationException("action", $"Thao tác \"{action}\" không tồn tại. Các thao tác: {string.Join(", ", Item.Actions.All)}.");
        }
        return null;
    }

    /// <summary>
    /// Assigns to a lead unit and co-operating units in the caller's scope. Without a due date the
    /// deadline rules give one (15 working days for the lead unit, 5 for co-operating units, or the
    /// rule for the item's kind), counted on the working-day calendar from today.
    /// </summary>
    private async Task AssignAsync(Item item, ItemActionArgs args, Actor actor, DateTime now)
    {
        var lead = Check.Present(args.LeadUnitId, "leadUnitId", "Cần chọn đơn vị chủ trì xử lý.");
        await refs.UnitInScopeAsync(lead, "leadUnitId");
        var coUnits = (args.CoUnitIds ?? []).Distinct().ToList();
        if (coUnits.Count > 20) throw new DomainValidationException("coUnitIds", "Tối đa 20 đơn vị phối hợp.");
        foreach (var co in coUnits) await refs.UnitInScopeAsync(co, "coUnitIds");
        var (defaultLead, defaultCo) = await DefaultDueDatesAsync(item.Kind, args.DueOn);
        var due = args.DueOn ?? defaultLead
            ?? throw new DomainValidationException("dueOn", "Cần nhập hạn xử lý (chưa có quy định thời hạn cho loại ý kiến này).");
        var coDue = coUnits.Count == 0 ? null : args.CoOperatingDueOn ?? defaultCo;
        var assignment = item.AssignTo(lead, coUnits, due, args.Note, actor, now, coDue);
        await notifier.ItemAssignedAsync(item, assignment);
    }

    /// <summary>The co-operating unit the caller contributes for: the one named, or the only one the caller works for.</summary>
    private async Task<int> ContributingUnitAsync(Item item, int? unitId)
    {
        var mine = (await CallerAsync()).CoUnitsOn(ItemFacts.Of(item));
        if (unitId is { } chosen)
            return mine.Contains(chosen)
                ? chosen
                : throw new DomainValidationException("unitId", "Đơn vị không phải là đơn vị phối hợp của ý kiến này mà bạn công tác.");
        return mine.Count == 1 ? mine[0] : throw new DomainValidationException("unitId", "Cần chọn đơn vị tham gia ý kiến.");
    }

    /// <summary>
    /// Folds a duplicate into an item the caller can see, within the same committee: both sessions
    /// must be hosted by units the caller works within. An item that others were merged into must
    /// have them unmerged first, so no chain of merges hides a contributor.
    /// </summary>
    private async Task MergeAsync(Item item, ItemActionArgs args, Actor actor, DateTime now)
    {
        var targetId = Check.Present(args.TargetItemId, "targetItemId", "Cần chọn ý kiến chính để gộp vào.");
        var target = await (await scope.ItemsAsync()).Include(i => i.Session).SingleOrDefaultAsync(i => i.Id == targetId)
            ?? throw new DomainValidationException("targetItemId", "Không tìm thấy ý kiến chính được chọn.");
        var overseen = await scope.OverseenUnitsAsync();
        if (overseen is not null && (!overseen.Contains(item.Session!.HostUnitId) || !overseen.Contains(target.Session!.HostUnitId)))
            throw new DomainValidationException("targetItemId", "Chỉ gộp được các ý kiến của hội nghị do cấp ủy mình chủ trì.");
        if (item.Id != target.Id && await db.Items.AnyAsync(i => i.MergedIntoItemId == item.Id && i.Status == ItemStatus.Merged))
            throw new DomainValidationException("targetItemId", "Đã có ý kiến khác gộp vào ý kiến này; hãy gộp các ý kiến kia vào ý kiến chính trước, hoặc chọn ý kiến này làm ý kiến chính.");
        item.MergeInto(target, actor, now);
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
