using System.Text.Json;
using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.History;
using DoiThoai.Web.Features.Sessions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using static DoiThoai.Web.Features.Sessions.SessionsApi;

namespace DoiThoai.Web.Features.Items;

public static class ItemsApi
{
    public sealed record CoUnitDto(int Id, string Name, DateOnly? DueOn);

    public sealed record AssignmentDto(int Id, UnitRef LeadUnit, IReadOnlyList<CoUnitDto> CoUnits, DateOnly DueOn, DateTimeOffset AssignedAt, string? Note);

    public sealed record ExtensionRequestDto(
        int Id, int AssignmentId, DateOnly CurrentDueOn, DateOnly RequestedDueOn, string Reason, string RequestedBy, DateTimeOffset RequestedAt,
        ExtensionDecision Decision, DateOnly? GrantedDueOn, string? DecisionNote, string? DecidedBy, DateTimeOffset? DecidedAt);

    public sealed record ContributionDto(int Id, UnitRef Unit, string Text, string Author, DateTimeOffset At);

    /// <summary>File metadata; the bytes come from <see cref="Url"/> with the item's access check.</summary>
    public sealed record AttachmentDto(int Id, int? ContributionId, string FileName, string ContentType, long Length, string Sha256, DateTimeOffset UploadedAt, string Url);

    /// <summary>An item merged into this one: a contributor who stays attached and counted.</summary>
    public sealed record MergedItemDto(int Id, int SessionId, int Number, string? Speaker, UnitRef? OnBehalfOfUnit);

    /// <summary>The item this one was merged into; its answer once approved is this item's answer too.</summary>
    public sealed record MergedIntoDto(int Id, int Number, ItemStatus Status, string? Answer, AnswerOutcome? Outcome, DateTimeOffset? ApprovedAt);

    public sealed record ItemDto(
        int Id, int SessionId, int Number, ItemKind Kind, RaisedStage Stage, ItemStatus Status, UnitRef? Topic,
        Confidentiality Confidentiality, Urgency Urgency, string Text, string? Speaker, int? RaisedByPersonId, UnitRef? OnBehalfOfUnit,
        string? Answer, AnswerOutcome? Outcome, string? AnsweredBy, IReadOnlyList<AssignmentDto> Assignments,
        IReadOnlyList<string> AllowedActions, IReadOnlyList<HistoryDto> History)
    {
        public string? OutcomeNote { get; init; }
        public DateTimeOffset? AnsweredAt { get; init; }
        public string? ApprovedBy { get; init; }
        public DateTimeOffset? ApprovedAt { get; init; }
        public DateTimeOffset? PublishedAt { get; init; }
        public bool? Satisfied { get; init; }
        public string? SatisfactionNote { get; init; }
        public DateTimeOffset? SatisfactionAt { get; init; }
        public int? MergedIntoItemId { get; init; }
        public MergedIntoDto? MergedInto { get; init; }
        public IReadOnlyList<MergedItemDto> MergedItems { get; init; } = [];
        public string? EscalatedTo { get; init; }
        /// <summary>Send it back as "version" in the action's arguments or as If-Match: a change made since is refused with 409.</summary>
        public int Version { get; init; }
        public IReadOnlyList<ExtensionRequestDto> ExtensionRequests { get; init; } = [];
        public IReadOnlyList<ContributionDto> Contributions { get; init; } = [];
        public IReadOnlyList<AttachmentDto> Attachments { get; init; } = [];
    }

    public sealed record ItemRequest(
        ItemKind? Kind, RaisedStage? Stage, int? RaisedByPersonId, string? SpeakerName, int? OnBehalfOfUnitId,
        int? TopicId, Urgency? Urgency, Confidentiality? Confidentiality, string? Text)
    {
        public ItemInput ToInput() => new(Kind, Stage, RaisedByPersonId, SpeakerName, OnBehalfOfUnitId, TopicId, Urgency, Confidentiality, Text);
    }

    /// <summary>One answer for several items: the ids, and the fields of "answer" or "draft-answer".</summary>
    public sealed record BulkAnswerRequest(IReadOnlyList<int>? ItemIds, string? Answer, AnswerOutcome? Outcome, string? AnsweredBy, string? OutcomeNote)
    {
        public ItemActionArgs ToArgs() => new(Answer: Answer, Outcome: Outcome, AnsweredBy: AnsweredBy, OutcomeNote: OutcomeNote);
    }

    public sealed record InboxRowDto(
        int ItemId, int SessionId, string SessionTitle, DateOnly SessionDate, int Number, string Excerpt, ItemStatus Status,
        InboxRole Role, string? Unit, DateOnly DueOn, bool DueSoon, bool Overdue);

    private const string ActionsSummary =
        "classify {topicId,kind,urgency,confidentiality,note}, answer {answer,outcome,answeredBy}, accept {note}, " +
        "assign {leadUnitId,coUnitIds,dueOn?,coOperatingDueOn?,note} (without dueOn the deadline rules give it), return {reason}, close {note}, " +
        "start {note}, return-to-office {reason}, request-extension {requestedDueOn,reason}, decide-extension {grant,grantedDueOn?,note}, " +
        "progress {note}, contribute {unitId?,text}, draft-answer {answer,outcome,outcomeNote}, approve {note}, send-back {note}, publish {note}, " +
        "confirm {satisfied,note}, merge {targetItemId}, unmerge {}, escalate {to,reason}, redirect {reason}. " +
        "allowedActions of an item lists what the caller may do now.";

    public static RouteGroupBuilder MapItemsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/sessions/{sessionId:int}/items", ListForSessionAsync).WithTags("Items")
            .WithSummary("Các ý kiến của một hội nghị mà người gọi được xem, theo số thứ tự.");
        api.MapPost("/sessions/{sessionId:int}/items", CreateAsync).WithTags("Items")
            .WithSummary("Ghi một ý kiến (Văn phòng; đảng viên gửi trước hội nghị với stage=beforeSession).");
        api.MapGet("/inbox", InboxAsync).WithTags("Items")
            .WithSummary("Hộp việc: ý kiến mà đơn vị của người gọi chủ trì hoặc phối hợp xử lý (status=open|all|tên trạng thái, role=lead|coOperating, overdue, sort=due|dueDesc|session|sessionDesc|status).");
        var items = api.MapGroup("/items").WithTags("Items");
        items.MapGet("/{id:int}", GetAsync);
        items.MapPost("/{id:int}/actions/{action}", PerformAsync).WithSummary(ActionsSummary);
        items.MapPost("/{id:int}/actions/{action}/with-files", PerformWithFilesAsync)
            .WithSummary("draft-answer hoặc contribute kèm tệp: multipart/form-data, trường \"args\" là JSON như trên, các tệp trong \"files\" (PDF, DOCX, XLSX, PNG, JPEG; kiểm tra theo nội dung).");
        items.MapGet("/{id:int}/attachments/{attachmentId:int}", DownloadAsync);
        items.MapPost("/actions/{action}", PerformManyAsync)
            .WithSummary("Một câu trả lời cho nhiều ý kiến (answer hoặc draft-answer): {itemIds, answer, outcome, answeredBy, outcomeNote}; tất cả hoặc không ý kiến nào.");
        return api;
    }

    private static async Task<Ok<ListResult<ItemDto>>> ListForSessionAsync(int sessionId, int? page, int? pageSize, UserScope scope, ItemWorkflow workflow, AppDbContext db)
    {
        var paging = Paging.From(page, pageSize);
        if (!await (await scope.SessionsAsync()).AnyAsync(s => s.Id == sessionId))
            throw new NotFoundException("Không tìm thấy hội nghị.");
        var query = (await scope.ItemsAsync()).Where(i => i.SessionId == sessionId);
        var total = await query.CountAsync();
        var dtos = await ToDtosAsync(query.OrderBy(i => i.Number).Skip(paging.Skip).Take(paging.PageSize), workflow, scope, db);
        return TypedResults.Ok(new ListResult<ItemDto>(dtos, total, paging.Page, paging.PageSize));
    }

    private static async Task<Ok<ItemDto>> GetAsync(int id, HttpResponse response, ItemWorkflow workflow, UserScope scope, AppDbContext db) =>
        Tagged(response, await OneAsync(id, workflow, scope, db));

    /// <summary>The item with its version as ETag, for a later If-Match.</summary>
    private static Ok<ItemDto> Tagged(HttpResponse response, ItemDto item)
    {
        response.Headers.ETag = Versions.ETag(item.Version);
        return TypedResults.Ok(item);
    }

    private static async Task<Created<ItemDto>> CreateAsync(int sessionId, ItemRequest request, ItemWorkflow workflow, UserScope scope, AppDbContext db)
    {
        var created = await workflow.RaiseAsync(sessionId, request.ToInput());
        return TypedResults.Created($"/api/v1/items/{created.Id}", await OneAsync(created.Id, workflow, scope, db));
    }

    private static async Task<Ok<ItemDto>> PerformAsync(int id, string action, [FromBody] ItemActionArgs? args, HttpContext http, ItemWorkflow workflow, UserScope scope, AppDbContext db)
    {
        args ??= new ItemActionArgs();
        await workflow.PerformAsync(id, action, args with { Version = Versions.Of(http.Request, args.Version) });
        return Tagged(http.Response, await OneAsync(id, workflow, scope, db));
    }

    /// <summary>
    /// The multipart form is read here, with the upload limit, rather than bound: a body over the
    /// limit answers 413 with a message instead of failing inside the framework.
    /// </summary>
    private static async Task<Ok<ItemDto>> PerformWithFilesAsync(
        int id, string action, HttpRequest request, ItemWorkflow workflow, UserScope scope, AppDbContext db,
        AttachmentStore store, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        if (!request.HasFormContentType)
            throw new DomainValidationException("files", "Gửi multipart/form-data: trường \"args\" (JSON) và các tệp trong \"files\".");
        var form = await ReadLimitedFormAsync(request, store);
        ItemActionArgs args;
        try
        {
            args = form.TryGetValue("args", out var raw) && !string.IsNullOrWhiteSpace(raw.ToString())
                ? JsonSerializer.Deserialize<ItemActionArgs>(raw.ToString(), json.Value.SerializerOptions) ?? new ItemActionArgs()
                : new ItemActionArgs();
        }
        catch (JsonException)
        {
            throw new DomainValidationException("args", "Trường \"args\" không phải JSON hợp lệ.");
        }
        await workflow.PerformAsync(id, action, args with { Version = Versions.Of(request, args.Version) }, form.Files.ToList());
        return Tagged(request.HttpContext.Response, await OneAsync(id, workflow, scope, db));
    }

    /// <summary>Reads a multipart form no larger than the upload limit allows; beyond it, 413.</summary>
    public static async Task<IFormCollection> ReadLimitedFormAsync(HttpRequest request, AttachmentStore store)
    {
        var limit = store.MaxRequestBytes;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limit;
        var tooLarge = $"Dữ liệu gửi lên vượt quá giới hạn (mỗi tệp tối đa {store.MaxMegabytes} MB, tối đa {AttachmentStore.MaxFiles} tệp).";
        if (request.ContentLength > limit)
            throw new BadHttpRequestException(tooLarge, StatusCodes.Status413PayloadTooLarge);
        try
        {
            return await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit });
        }
        catch (InvalidDataException)
        {
            throw new BadHttpRequestException(tooLarge, StatusCodes.Status413PayloadTooLarge);
        }
    }

    private static async Task<PhysicalFileHttpResult> DownloadAsync(
        int id, int attachmentId, HttpContext http, ItemWorkflow workflow, AppDbContext db, AttachmentStore store)
    {
        var file = await AttachmentDownload.FindAsync(id, attachmentId, workflow, db, store);
        AttachmentDownload.AddSafetyHeaders(http.Response);
        return TypedResults.PhysicalFile(file.Path, file.ContentType, file.FileName);
    }

    private static async Task<Ok<IReadOnlyList<ItemDto>>> PerformManyAsync(
        string action, BulkAnswerRequest request, ItemWorkflow workflow, UserScope scope, AppDbContext db)
    {
        IReadOnlyList<Item> done;
        try
        {
            done = await workflow.PerformManyAsync(request.ItemIds ?? [], action, request.ToArgs());
        }
        catch (DomainValidationException e) when (e.Data[ItemWorkflow.FailedItemKey] is int failed)
        {
            throw new DomainValidationException(e.Field, $"Ý kiến #{failed}: {e.Message}");
        }
        catch (AccessDeniedException e) when (e.Data[ItemWorkflow.FailedItemKey] is int failed)
        {
            throw new AccessDeniedException($"Ý kiến #{failed}: {e.Message}");
        }
        catch (NotFoundException e) when (e.Data[ItemWorkflow.FailedItemKey] is int failed)
        {
            throw new NotFoundException($"Không tìm thấy ý kiến #{failed}.");
        }
        var ids = done.Select(i => i.Id).ToList();
        var dtos = await ToDtosAsync((await scope.ItemsAsync()).Where(i => ids.Contains(i.Id)).OrderBy(i => i.Id), workflow, scope, db);
        return TypedResults.Ok<IReadOnlyList<ItemDto>>(dtos);
    }

    private static async Task<Ok<ListResult<InboxRowDto>>> InboxAsync(
        int? page, int? pageSize, string? status, string? role, bool? overdue, string? sort, Inbox inbox)
    {
        var paging = Paging.From(page, pageSize);
        InboxRole? parsedRole = null;
        if (!string.IsNullOrWhiteSpace(role))
            parsedRole = Enum.TryParse<InboxRole>(role, ignoreCase: true, out var r) && Enum.IsDefined(r)
                ? r
                : throw new DomainValidationException("role", "role phải là lead hoặc coOperating.");
        var parsedSort = InboxSort.Due;
        if (!string.IsNullOrWhiteSpace(sort) && !(Enum.TryParse(sort, ignoreCase: true, out parsedSort) && Enum.IsDefined(parsedSort)))
            throw new DomainValidationException("sort", "sort phải là due, dueDesc, session, sessionDesc hoặc status.");
        var (rows, total) = await inbox.PageAsync(new InboxFilter(status, parsedRole, overdue ?? false, parsedSort), paging.Skip, paging.PageSize);
        var dtos = rows.Select(r => new InboxRowDto(r.ItemId, r.SessionId, r.SessionTitle, VietnamTime.DateOf(r.SessionStartsAtUtc), r.Number,
            r.Excerpt, r.Status, r.Role, r.UnitName, r.DueOn, r.DueSoon, r.Overdue)).ToList();
        return TypedResults.Ok(new ListResult<InboxRowDto>(dtos, total, paging.Page, paging.PageSize));
    }

    private static async Task<ItemDto> OneAsync(int id, ItemWorkflow workflow, UserScope scope, AppDbContext db) =>
        (await ToDtosAsync((await scope.ItemsAsync()).Where(i => i.Id == id), workflow, scope, db)).SingleOrDefault()
        ?? throw new NotFoundException("Không tìm thấy ý kiến, kiến nghị.");

    /// <summary>
    /// Items as the API shows them, through a projection (never full rows), with their history,
    /// extension requests, contributions, attachments and merged items read in one extra query
    /// each for the whole page.
    /// </summary>
    private static async Task<List<ItemDto>> ToDtosAsync(IQueryable<Item> query, ItemWorkflow workflow, UserScope scope, AppDbContext db)
    {
        var rows = await query
            .Select(i => new
            {
                i.Id, i.SessionId, i.Number, i.Kind, i.Stage, i.Status, i.TopicId, TopicName = i.Topic!.Name,
                i.Confidentiality, i.Urgency, i.Text, Speaker = i.RaisedByPerson!.FullName ?? i.SpeakerName, i.RaisedByPersonId, i.Session!.HostUnitId,
                i.OnBehalfOfUnitId, UnitName = i.OnBehalfOfUnit!.Name, i.Answer, i.Outcome, i.AnsweredBy, i.AnsweredAtUtc,
                i.OutcomeNote, i.ApprovedBy, i.ApprovedAtUtc, i.PublishedAtUtc, i.Satisfied, i.SatisfactionNote, i.SatisfactionAtUtc,
                i.MergedIntoItemId, i.EscalatedTo, i.Version,
                Assignments = i.Assignments.OrderBy(a => a.AssignedAtUtc).ThenBy(a => a.Id).Select(a => new
                {
                    a.Id, a.LeadUnitId, LeadName = a.LeadUnit!.Name, a.DueOn, a.AssignedAtUtc, a.Note,
                    CoUnits = a.CoUnits.Select(c => new { c.OrgUnitId, c.OrgUnit!.Name, c.DueOn }).ToList(),
                }).ToList(),
            })
            .AsSplitQuery().ToListAsync();
        var ids = rows.Select(r => r.Id).ToList();
        var history = (await db.History.AsNoTracking().Where(h => h.ItemId != null && ids.Contains(h.ItemId.Value))
            .OrderBy(h => h.AtUtc).ThenBy(h => h.Id).ToListAsync()).ToLookup(h => h.ItemId!.Value);
        var extensions = (await db.ExtensionRequests.AsNoTracking().Where(x => ids.Contains(x.ItemId))
            .OrderBy(x => x.RequestedAtUtc).ThenBy(x => x.Id).ToListAsync()).ToLookup(x => x.ItemId);
        var contributions = (await db.Contributions.AsNoTracking().Where(c => ids.Contains(c.ItemId))
            .OrderBy(c => c.AtUtc).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.ItemId, c.OrgUnitId, UnitName = c.OrgUnit!.Name, c.Text, c.AuthorName, c.AtUtc })
            .ToListAsync()).ToLookup(c => c.ItemId);
        var files = (await db.Attachments.AsNoTracking().Where(a => ids.Contains(a.ItemId))
            .OrderBy(a => a.UploadedAtUtc).ThenBy(a => a.Id).ToListAsync()).ToLookup(a => a.ItemId);
        // Only the merged items the caller may read are listed (a restricted duplicate stays hidden).
        var merged = (await (await scope.ItemsAsync())
            .Where(m => m.MergedIntoItemId != null && ids.Contains(m.MergedIntoItemId.Value) && m.Status == ItemStatus.Merged)
            .OrderBy(m => m.SessionId).ThenBy(m => m.Number)
            .Select(m => new
            {
                m.Id, m.SessionId, m.Number, TargetId = m.MergedIntoItemId!.Value,
                Speaker = m.RaisedByPerson!.FullName ?? m.SpeakerName, m.RaisedByPersonId, m.Session!.HostUnitId,
                m.OnBehalfOfUnitId, UnitName = m.OnBehalfOfUnit!.Name,
            }).ToListAsync()).ToLookup(m => m.TargetId);
        var targetIds = rows.Where(r => r.MergedIntoItemId is not null).Select(r => r.MergedIntoItemId!.Value).Distinct().ToList();
        var targets = await (await scope.ItemsAsync()).Where(t => targetIds.Contains(t.Id))
                .Select(t => new { t.Id, t.Number, t.Status, t.Answer, t.Outcome, t.ApprovedAtUtc })
                .ToDictionaryAsync(t => t.Id);
        var caller = await workflow.CallerAsync();

        return rows.Select(r =>
        {
            var current = r.Assignments.OrderByDescending(a => a.AssignedAtUtc).ThenByDescending(a => a.Id).FirstOrDefault();
            var facts = new ItemFacts(r.Status, r.RaisedByPersonId, current?.LeadUnitId, current?.CoUnits.Select(c => c.OrgUnitId).ToList() ?? [], r.HostUnitId);
            MergedIntoDto? mergedInto = null;
            if (r.MergedIntoItemId is { } targetId && targets.TryGetValue(targetId, out var t))
            {
                // The target's answer counts for this item once it is final (approved, or given at the session).
                var settled = ItemWorkflow.IsSettledAnswer(t.Status, t.Answer);
                mergedInto = new MergedIntoDto(t.Id, t.Number, t.Status, settled ? t.Answer : null, settled ? t.Outcome : null,
                    t.ApprovedAtUtc is { } at ? ApiDates.ToVietnamOffset(at) : null);
            }
            // Drafts, contributions, extension requests and their notes are the handling units' work;
            // the speaker and other readers see the answer once it is final.
            var work = caller.MaySeeWork(facts);
            var answer = work || ItemWorkflow.IsSettledAnswer(r.Status, r.Answer);
            // Who raised it is personal data (ADR 0021).
            var speaker = caller.MaySeeSpeaker(facts);
            return new ItemDto(
                r.Id, r.SessionId, r.Number, r.Kind, r.Stage, r.Status,
                r.TopicId is { } topicId ? new UnitRef(topicId, r.TopicName) : null,
                r.Confidentiality, r.Urgency, r.Text, speaker ? r.Speaker : null, speaker ? r.RaisedByPersonId : null,
                r.OnBehalfOfUnitId is { } unitId ? new UnitRef(unitId, r.UnitName) : null,
                answer ? r.Answer : null, answer ? r.Outcome : null, answer ? r.AnsweredBy : null,
                r.Assignments.Select(a => new AssignmentDto(a.Id, new UnitRef(a.LeadUnitId, a.LeadName),
                    a.CoUnits.Select(c => new CoUnitDto(c.OrgUnitId, c.Name, c.DueOn)).ToList(), a.DueOn, ApiDates.ToVietnamOffset(a.AssignedAtUtc), a.Note)).ToList(),
                caller.AllowedActions(facts),
                history[r.Id].Select(h => work || !ItemCaller.WorkActions.Contains(h.Action) ? HistoryDto.Of(h) : HistoryDto.Of(h) with { Note = null }).ToList())
            {
                OutcomeNote = answer ? r.OutcomeNote : null,
                AnsweredAt = answer ? Offset(r.AnsweredAtUtc) : null,
                ApprovedBy = r.ApprovedBy,
                ApprovedAt = Offset(r.ApprovedAtUtc),
                PublishedAt = Offset(r.PublishedAtUtc),
                Satisfied = r.Satisfied,
                SatisfactionNote = r.SatisfactionNote,
                SatisfactionAt = Offset(r.SatisfactionAtUtc),
                MergedIntoItemId = r.MergedIntoItemId,
                MergedInto = mergedInto,
                MergedItems = merged[r.Id].Select(m => new MergedItemDto(m.Id, m.SessionId, m.Number,
                    caller.MaySeeSpeaker(m.HostUnitId, m.RaisedByPersonId) ? m.Speaker : null,
                    m.OnBehalfOfUnitId is { } u ? new UnitRef(u, m.UnitName) : null)).ToList(),
                EscalatedTo = r.EscalatedTo,
                Version = r.Version,
                ExtensionRequests = !work ? [] : extensions[r.Id].Select(x => new ExtensionRequestDto(
                    x.Id, x.AssignmentId, x.CurrentDueOn, x.RequestedDueOn, x.Reason, x.RequestedByName, ApiDates.ToVietnamOffset(x.RequestedAtUtc),
                    x.Decision, x.GrantedDueOn, x.DecisionNote, x.DecidedByName, Offset(x.DecidedAtUtc))).ToList(),
                Contributions = !work ? [] : contributions[r.Id].Select(c => new ContributionDto(c.Id, new UnitRef(c.OrgUnitId, c.UnitName), c.Text, c.AuthorName,
                    ApiDates.ToVietnamOffset(c.AtUtc))).ToList(),
                Attachments = files[r.Id].Where(a => work || (answer && ItemWorkflow.IsFinalAnswerFile(a.ContributionId, a.UploadedAtUtc, r.AnsweredAtUtc))).Select(a => new AttachmentDto(a.Id, a.ContributionId, a.FileName, a.ContentType, a.Length, a.Sha256,
                    ApiDates.ToVietnamOffset(a.UploadedAtUtc), $"/api/v1/items/{r.Id}/attachments/{a.Id}")).ToList(),
            };
        }).ToList();
    }

    private static DateTimeOffset? Offset(DateTime? utc) => utc is { } u ? ApiDates.ToVietnamOffset(u) : null;
}
