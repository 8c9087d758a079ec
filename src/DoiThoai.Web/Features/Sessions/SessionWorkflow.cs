using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.FollowUp;
using DoiThoai.Web.Features.History;
using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Organisation;

namespace DoiThoai.Web.Features.Sessions;

/// <summary>Arguments of a session action; each action reads only the ones it needs.</summary>
public sealed record SessionActionArgs(int? AttendanceCount = null, string? AttendanceNote = null, string? Minutes = null, string? Reason = null, string? Note = null);

/// <summary>A new or edited session as the form or the API sends it, before its ids are checked.</summary>
public sealed record SessionInput(
    string? Title, int? HostUnitId, int? ParticipantUnitId, int? TermId, DateTime? StartsAtLocal, string? Place,
    string? Agenda, string? InvitedGroups, string? SecretaryName, IReadOnlyList<ChairDetails>? Chairs);

/// <summary>
/// What pages and the API both do with sessions: check access, check ids, call the entity's
/// transition, save. The rules themselves live on <see cref="DialogueSession"/>.
/// </summary>
public sealed class SessionWorkflow(AppDbContext db, UserScope scope, References refs, TimeProvider clock, TaskWorkflow tasks)
{
    private DateTime NowUtc => clock.GetUtcNow().UtcDateTime;

    /// <summary>A session the caller may see, with what its page needs; 404 otherwise.</summary>
    /// <summary>
    /// The session with everything its page shows, in two statements: a session has a few chairs
    /// and tens of conclusions, joined in one; its history (hundreds of entries over a term) is read
    /// on its own rather than multiplied by them. (Split into four queries, this was a fifth of the
    /// session page's cost: ADR 0020, "Page cost".)
    /// </summary>
    public async Task<DialogueSession> FindVisibleAsync(int id)
    {
        var session = await WithPageParts(await scope.SessionsAsync()).SingleOrDefaultAsync(s => s.Id == id)
            ?? throw new NotFoundException("Không tìm thấy hội nghị.");
        await db.Entry(session).Collection(s => s.History).LoadAsync();
        return session;
    }

    /// <summary>
    /// The same for the session page, which changes nothing: read without tracking, so that what it
    /// shows (and may keep, <see cref="SessionPageCache"/>) is the session as saved, and the history
    /// in its order on the side.
    /// </summary>
    public async Task<(DialogueSession Session, IReadOnlyList<HistoryEntry> History)> ReadVisibleAsync(int id)
    {
        var session = await WithPageParts(await scope.SessionsAsync()).AsNoTracking().SingleOrDefaultAsync(s => s.Id == id)
            ?? throw new NotFoundException("Không tìm thấy hội nghị.");
        var history = await db.History.AsNoTracking().Where(h => h.SessionId == id).OrderBy(h => h.AtUtc).ThenBy(h => h.Id).ToListAsync();
        return (session, history);
    }

    private static IQueryable<DialogueSession> WithPageParts(IQueryable<DialogueSession> sessions) =>
        sessions.Include(s => s.HostUnit).Include(s => s.ParticipantUnit).Include(s => s.Term)
            .Include(s => s.Chairs).ThenInclude(c => c.Person)
            .Include(s => s.Conclusions).ThenInclude(c => c.LeadUnit)
            .AsSingleQuery();

    private async Task<DialogueSession> FindForChangeAsync(int id)
    {
        var session = await FindVisibleAsync(id);
        if (!await scope.RunsSessionAsync(session.HostUnitId)) throw new AccessDeniedException();
        return session;
    }

    public async Task<DialogueSession> PlanAsync(SessionInput input)
    {
        if (!scope.IsSecretariat) throw new AccessDeniedException();
        var details = await CheckAsync(input);
        var session = DialogueSession.Plan(details, await scope.ActorAsync(), NowUtc);
        db.Sessions.Add(session);
        await db.SaveChangesAsync();
        return session;
    }

    public async Task<DialogueSession> UpdateAsync(int id, SessionInput input)
    {
        var session = await FindForChangeAsync(id);
        var details = await CheckAsync(input);
        session.UpdateDetails(details, await scope.ActorAsync(), NowUtc);
        await db.SaveChangesAsync();
        return session;
    }

    public async Task<DialogueSession> PerformAsync(int id, string action, SessionActionArgs args)
    {
        var session = await FindForChangeAsync(id);
        var actor = await scope.ActorAsync();
        var now = NowUtc;
        CheckLengths(args);
        IReadOnlyList<FollowUpTask> createdTasks = [];
        switch (action)
        {
            case DialogueSession.Actions.Announce: session.Announce(actor, now, args.Note); break;
            case DialogueSession.Actions.OpenCollection: session.OpenCollection(actor, now, args.Note); break;
            case DialogueSession.Actions.Hold:
                session.Hold(args.AttendanceCount ?? throw new DomainValidationException("attendanceCount", "Cần nhập số người dự."), args.AttendanceNote, actor, now);
                break;
            case DialogueSession.Actions.CompleteMinutes: session.CompleteMinutes(args.Minutes, actor, now); break;
            case DialogueSession.Actions.IssueConclusions:
                session.IssueConclusions(actor, now, args.Note);
                // Each conclusion with a lead unit and a due date becomes a tracked task (Features/FollowUp),
                // saved with the session below; the units are told once the tasks have their ids.
                createdTasks = tasks.CreateForIssuedConclusions(session, actor, now);
                break;
            case DialogueSession.Actions.StartFollowUp: session.StartFollowUp(actor, now, args.Note); break;
            case DialogueSession.Actions.Close: await CloseAsync(session, args, actor, now); break;
            case DialogueSession.Actions.Cancel: session.Cancel(args.Reason ?? "", actor, now); break;
            default:
                throw new DomainValidationException("action", $"Thao tác \"{action}\" không tồn tại. Các thao tác: {string.Join(", ", DialogueSession.Actions.All)}.");
        }
        await tasks.SaveAsync(createdTasks);
        return session;
    }

    /// <summary>
    /// A session is closed only when its items and tasks are closed, or the leader closes it with a
    /// reason. Items count as closed when closed, returned or merged into another; escalated and
    /// redirected items have left this track but still need their closing entry. Tasks count when
    /// done or cancelled.
    /// </summary>
    private async Task CloseAsync(DialogueSession session, SessionActionArgs args, Actor actor, DateTime now)
    {
        var note = args.Reason ?? args.Note;
        // A session that cannot be closed in its state gets the usual refusal, not the count of its work.
        if (!session.Can(DialogueSession.Actions.Close))
        {
            session.Close(note, actor, now);
            return;
        }
        var openItems = await db.Items.CountAsync(i => i.SessionId == session.Id
            && i.Status != ItemStatus.Closed && i.Status != ItemStatus.Returned && i.Status != ItemStatus.Merged);
        var openTasks = await db.Tasks.CountAsync(t => t.SessionId == session.Id && t.Status == FollowUpStatus.Open);
        if (openItems == 0 && openTasks == 0)
        {
            session.Close(note, actor, now);
            return;
        }
        var work = $"còn {openItems} ý kiến, kiến nghị chưa kết thúc và {openTasks} nhiệm vụ đang thực hiện";
        if (!scope.IsInRole(Roles.Leader))
            throw new DomainValidationException("openWork",
                $"Chưa thể kết thúc hội nghị: {work}. Chỉ lãnh đạo có thể kết thúc hội nghị khi còn việc chưa xong, và phải nêu lý do.");
        if (string.IsNullOrWhiteSpace(args.Reason))
            throw new DomainValidationException("reason", $"Hội nghị {work}. Lãnh đạo cần nêu lý do kết thúc hội nghị.");
        session.Close($"Lãnh đạo kết thúc hội nghị khi {work}. Lý do: {args.Reason.Trim()}", actor, now);
    }

    public async Task SaveMinutesDraftAsync(int id, string minutes)
    {
        var session = await FindForChangeAsync(id);
        Check.MaxLength(minutes, "minutes", "Biên bản", SessionRules.MaxMinutesLength);
        session.SaveMinutesDraft(minutes, await scope.ActorAsync(), NowUtc);
        await db.SaveChangesAsync();
    }

    public async Task<Conclusion> AddConclusionAsync(int id, string? text, int? leadUnitId, DateOnly? dueOn)
    {
        var session = await FindForChangeAsync(id);
        Check.MaxLength(text, "text", "Nội dung kết luận", SessionRules.MaxConclusionLength);
        if (leadUnitId is { } unitId) await refs.UnitInScopeAsync(unitId, "leadUnitId");
        var conclusion = session.AddConclusion(text ?? "", leadUnitId, dueOn, await scope.ActorAsync(), NowUtc);
        await db.SaveChangesAsync();
        return conclusion;
    }

    /// <summary>Lengths the database would refuse are refused here first, with a message, never a 500.</summary>
    private static void CheckLengths(SessionActionArgs args)
    {
        Check.MaxLength(args.Minutes, "minutes", "Biên bản", SessionRules.MaxMinutesLength);
        Check.MaxLength(args.AttendanceNote, "attendanceNote", "Ghi chú thành phần dự", SessionRules.MaxNoteLength);
        Check.MaxLength(args.Reason, "reason", "Lý do", SessionRules.MaxNoteLength);
        Check.MaxLength(args.Note, "note", "Ghi chú", SessionRules.MaxNoteLength);
    }

    private async Task<SessionDetails> CheckAsync(SessionInput input)
    {
        var title = Check.Required(input.Title, "title", "Tên hội nghị", 300);
        var place = Check.Required(input.Place, "place", "Địa điểm", 300);
        Check.MaxLength(input.Agenda, "agenda", "Chương trình", 4000);
        Check.MaxLength(input.InvitedGroups, "invitedGroups", "Thành phần mời", 2000);
        Check.MaxLength(input.SecretaryName, "secretaryName", "Thư ký", 120);
        var host = input.HostUnitId ?? throw new DomainValidationException("hostUnitId", "Cần chọn đơn vị chủ trì.");
        await refs.UnitInScopeAsync(host, "hostUnitId");
        if (input.ParticipantUnitId is { } participant) await refs.UnitAsync(participant, "participantUnitId");
        if (input.TermId is { } termId) await refs.TermAsync(termId, "termId");
        var startsLocal = input.StartsAtLocal ?? throw new DomainValidationException("startsAt", "Cần nhập thời gian tổ chức.");
        if (startsLocal.Year is < 1990 or > 2100)
            throw new DomainValidationException("startsAt", "Thời gian tổ chức không hợp lệ.");
        var chairs = input.Chairs ?? [];
        if (chairs.Count > 10) throw new DomainValidationException("chairs", "Tối đa 10 người chủ trì.");
        foreach (var chair in chairs)
        {
            await refs.PersonAsync(chair.PersonId, "chairs");
            Check.MaxLength(chair.RoleTitle, "chairs", "Chức danh", 200);
        }
        return new SessionDetails(title, host, input.ParticipantUnitId, input.TermId, VietnamTime.ToUtc(startsLocal), place,
            input.Agenda, input.InvitedGroups, input.SecretaryName, chairs);
    }
}
