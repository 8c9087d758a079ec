using DoiThoai.Tests.Features.Sessions;
using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Sessions;
using DoiThoai.Web.Infrastructure;

namespace DoiThoai.Tests.Features.Items;

/// <summary>
/// Every item action tried in every state: allowed ones move the item and
/// write history, refused ones leave it untouched. The expected table is written out here.
/// </summary>
public sealed class ItemTransitionTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 2, 0, 0, DateTimeKind.Utc);
    private static readonly Actor Office = new("u1", "Văn phòng");

    private static readonly Dictionary<ItemStatus, (string Action, ItemStatus To)[]> Allowed = new()
    {
        [ItemStatus.Received] = [("classify", ItemStatus.Classified), ("answer", ItemStatus.AnsweredAtSession), ("accept", ItemStatus.Accepted), ("return", ItemStatus.Returned),
            ("merge", ItemStatus.Merged), ("escalate", ItemStatus.Escalated), ("redirect", ItemStatus.Redirected)],
        [ItemStatus.Classified] = [("classify", ItemStatus.Classified), ("answer", ItemStatus.AnsweredAtSession), ("accept", ItemStatus.Accepted), ("assign", ItemStatus.Assigned),
            ("return", ItemStatus.Returned), ("merge", ItemStatus.Merged), ("escalate", ItemStatus.Escalated), ("redirect", ItemStatus.Redirected)],
        [ItemStatus.AnsweredAtSession] = [("confirm", ItemStatus.Closed), ("close", ItemStatus.Closed)],
        [ItemStatus.Accepted] = [("classify", ItemStatus.Accepted), ("assign", ItemStatus.Assigned), ("merge", ItemStatus.Merged), ("escalate", ItemStatus.Escalated), ("redirect", ItemStatus.Redirected)],
        [ItemStatus.Assigned] = [("start", ItemStatus.InProgress), ("return-to-office", ItemStatus.ReturnedToOffice), ("request-extension", ItemStatus.ExtensionRequested),
            ("progress", ItemStatus.Assigned), ("contribute", ItemStatus.Assigned)],
        [ItemStatus.InProgress] = [("return-to-office", ItemStatus.ReturnedToOffice), ("request-extension", ItemStatus.ExtensionRequested), ("progress", ItemStatus.InProgress),
            ("contribute", ItemStatus.InProgress), ("draft-answer", ItemStatus.AnswerDrafted)],
        [ItemStatus.AnswerDrafted] = [("progress", ItemStatus.AnswerDrafted), ("contribute", ItemStatus.AnswerDrafted), ("draft-answer", ItemStatus.AnswerDrafted),
            ("approve", ItemStatus.Approved), ("send-back", ItemStatus.InProgress)],
        [ItemStatus.Approved] = [("publish", ItemStatus.Published)],
        [ItemStatus.Published] = [("confirm", ItemStatus.Closed), ("close", ItemStatus.Closed)],
        [ItemStatus.Closed] = [],
        [ItemStatus.Merged] = [("unmerge", ItemStatus.Classified)],
        [ItemStatus.Escalated] = [("close", ItemStatus.Closed)],
        [ItemStatus.Redirected] = [("close", ItemStatus.Closed)],
        [ItemStatus.Returned] = [],
        [ItemStatus.ExtensionRequested] = [("decide-extension", ItemStatus.InProgress), ("progress", ItemStatus.ExtensionRequested), ("contribute", ItemStatus.ExtensionRequested)],
        [ItemStatus.ReturnedToOffice] = [("classify", ItemStatus.ReturnedToOffice), ("assign", ItemStatus.Assigned), ("answer", ItemStatus.AnsweredAtSession),
            ("return", ItemStatus.Returned), ("merge", ItemStatus.Merged), ("escalate", ItemStatus.Escalated), ("redirect", ItemStatus.Redirected)],
    };

    [Fact]
    public void The_table_covers_every_state() =>
        Assert.Equal(Enum.GetValues<ItemStatus>().Order(), Allowed.Keys.Order());

    public static TheoryData<ItemStatus, string> EveryStateAndAction()
    {
        var data = new TheoryData<ItemStatus, string>();
        foreach (var state in Allowed.Keys)
            foreach (var action in Item.Actions.All)
                data.Add(state, action);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStateAndAction))]
    public void Action_in_state_is_allowed_or_refused_as_the_table_says(ItemStatus state, string action)
    {
        var item = ItemIn(state);
        var expected = Allowed[state].Where(a => a.Action == action).Select(a => (ItemStatus?)a.To).SingleOrDefault();
        var historyBefore = item.History.Count;

        if (expected is { } to)
        {
            Perform(item, action);
            Assert.Equal(to, item.Status);
            Assert.Equal(historyBefore + 1, item.History.Count);
            var entry = item.History.Last();
            Assert.Equal((action, state.ToString(), to.ToString()), (entry.Action, entry.FromState, entry.ToState));
        }
        else
        {
            var refused = Assert.Throws<WorkflowException>(() => Perform(item, action));
            Assert.Equal(state.ToString(), refused.CurrentState);
            Assert.Equal(Allowed[state].Select(a => a.Action).Order(), refused.AllowedActions.Order());
            Assert.Equal(state, item.Status);
            Assert.Equal(historyBefore, item.History.Count);
        }
    }

    [Fact]
    public void Assigning_checks_topic_deadline_and_units()
    {
        var item = ItemIn(ItemStatus.Received);
        item.Accept(Office, Now);
        Assert.Equal("topicId", Assert.Throws<DomainValidationException>(() => item.AssignTo(5, [], new DateOnly(2026, 12, 1), null, Office, Now)).Field);

        var classified = ItemIn(ItemStatus.Classified);
        Assert.Equal("dueOn", Assert.Throws<DomainValidationException>(() => classified.AssignTo(5, [], new DateOnly(2026, 11, 26), null, Office, Now)).Field);
        Assert.Equal("coUnitIds", Assert.Throws<DomainValidationException>(() => classified.AssignTo(5, [5, 6], new DateOnly(2026, 12, 1), null, Office, Now)).Field);
        Assert.Equal(ItemStatus.Classified, classified.Status);

        var assignment = classified.AssignTo(5, [6, 7, 6], new DateOnly(2026, 12, 1), "Chủ trì tham mưu", Office, Now);
        Assert.Equal([6, 7], assignment.CoUnits.Select(c => c.OrgUnitId).Order());
        Assert.Equal(ItemStatus.Assigned, classified.Status);
    }

    [Fact]
    public void An_answer_needs_text_and_who_answered_and_keeps_its_outcome()
    {
        var item = ItemIn(ItemStatus.Received);
        Assert.Throws<DomainValidationException>(() => item.AnswerAtSession(" ", AnswerOutcome.Explained, "Đồng chí Khoa", Office, Now));
        Assert.Throws<DomainValidationException>(() => item.AnswerAtSession("Đã giải thích quy định", AnswerOutcome.Explained, "", Office, Now));
        Assert.Equal(ItemStatus.Received, item.Status);
        item.AnswerAtSession("Đã giải thích quy định", AnswerOutcome.Explained, "Đồng chí Khoa", Office, Now);
        Assert.Equal((AnswerOutcome?)AnswerOutcome.Explained, item.Outcome);
    }

    [Fact]
    public void Items_are_refused_at_a_stage_the_session_is_past()
    {
        var closed = SessionTransitionTests.SessionIn(SessionStatus.Closed);
        var refused = Assert.Throws<WorkflowException>(() => Item.Raise(closed, 1, Details(RaisedStage.AtSession), Office, Now));
        Assert.Equal("Closed", refused.CurrentState);

        var held = SessionTransitionTests.SessionIn(SessionStatus.Held);
        Assert.Throws<WorkflowException>(() => Item.Raise(held, 1, Details(RaisedStage.BeforeSession), Office, Now));
        Assert.Equal(RaisedStage.AfterSession, Item.Raise(held, 1, Details(RaisedStage.AfterSession), Office, Now).Stage);
    }

    private static ItemDetails Details(RaisedStage stage) =>
        new(ItemKind.Recommendation, stage, null, "Bí thư chi bộ", null, null, Urgency.Normal, Confidentiality.Public, "Đề nghị quan tâm phụ cấp cho cán bộ cơ sở");

    private const int LeadUnit = 5;
    private const int CoUnit = 6;
    private static readonly DateOnly Due = new(2026, 12, 31);

    /// <summary>An item brought to the state through the transitions a real one would take.</summary>
    private static Item ItemIn(ItemStatus state)
    {
        var session = SessionTransitionTests.SessionIn(SessionStatus.Held);
        var item = Item.Raise(session, 1, Details(RaisedStage.AtSession), Office, Now);
        void Assign() { Classify(item); item.AssignTo(LeadUnit, [CoUnit], Due, null, Office, Now); }
        void InProgress() { Assign(); item.Start(Office, Now); }
        void Drafted() { InProgress(); item.DraftAnswer("Dự thảo trả lời", AnswerOutcome.Resolved, null, Office, Now); }
        void Approved() { Drafted(); item.Approve(Office, Now); }
        switch (state)
        {
            case ItemStatus.Received: break;
            case ItemStatus.Classified: Classify(item); break;
            case ItemStatus.AnsweredAtSession: item.AnswerAtSession("Giải trình", AnswerOutcome.Explained, "Lãnh đạo", Office, Now); break;
            case ItemStatus.Accepted: Classify(item); item.Accept(Office, Now); break;
            case ItemStatus.Assigned: Assign(); break;
            case ItemStatus.InProgress: InProgress(); break;
            case ItemStatus.AnswerDrafted: Drafted(); break;
            case ItemStatus.Approved: Approved(); break;
            case ItemStatus.Published: Approved(); item.Publish(Office, Now); break;
            case ItemStatus.Closed: item.AnswerAtSession("Giải trình", AnswerOutcome.Resolved, "Lãnh đạo", Office, Now); item.Close(Office, Now); break;
            case ItemStatus.Merged: Classify(item); item.MergeInto(Other(), Office, Now); break;
            case ItemStatus.Escalated: item.Escalate("Ban Thường vụ Tỉnh ủy", "Vượt thẩm quyền", Office, Now); break;
            case ItemStatus.Redirected: item.Redirect("Đơn tố cáo, chuyển Ủy ban Kiểm tra", Office, Now); break;
            case ItemStatus.Returned: item.Return("Không thuộc thẩm quyền", Office, Now); break;
            case ItemStatus.ExtensionRequested: InProgress(); item.RequestExtension(new DateOnly(2027, 1, 29), "Cần thêm thời gian xác minh", Office, Now); break;
            case ItemStatus.ReturnedToOffice: Assign(); item.ReturnToOffice("Không thuộc chức năng của Ban", Office, Now); break;
        }
        Assert.Equal(state, item.Status);
        return item;
    }

    private static Item Other() =>
        Item.Raise(SessionTransitionTests.SessionIn(SessionStatus.Held), 2, Details(RaisedStage.AtSession), Office, Now);

    private static void Classify(Item item) => item.Classify(3, ItemKind.Recommendation, Urgency.High, Confidentiality.Internal, Office, Now);

    private static void Perform(Item item, string action)
    {
        switch (action)
        {
            case "classify": Classify(item); break;
            case "answer": item.AnswerAtSession("Trả lời", AnswerOutcome.Explained, "Lãnh đạo", Office, Now); break;
            case "accept": item.Accept(Office, Now); break;
            case "assign": item.AssignTo(LeadUnit, [CoUnit], Due, null, Office, Now); break;
            case "return": item.Return("Không thuộc phạm vi", Office, Now); break;
            case "close": item.Close(Office, Now); break;
            case "start": item.Start(Office, Now); break;
            case "return-to-office": item.ReturnToOffice("Sai đơn vị", Office, Now); break;
            case "request-extension": item.RequestExtension(new DateOnly(2027, 1, 29), "Chờ số liệu", Office, Now); break;
            case "decide-extension": item.DecideExtension(true, null, null, Office, Now); break;
            case "progress": item.RecordProgress("Đã làm việc với xã", Office, Now); break;
            case "contribute": item.Contribute(CoUnit, "Ý kiến phối hợp", Office, Now); break;
            case "draft-answer": item.DraftAnswer("Dự thảo", AnswerOutcome.Scheduled, "Quý I/2027", Office, Now); break;
            case "approve": item.Approve(Office, Now); break;
            case "send-back": item.SendBack("Bổ sung số liệu", Office, Now); break;
            case "publish": item.Publish(Office, Now); break;
            case "confirm": item.ConfirmSatisfaction(true, null, Office, Now); break;
            case "merge": item.MergeInto(Other(), Office, Now); break;
            case "unmerge": item.Unmerge(Other(), Office, Now); break;
            case "escalate": item.Escalate("Tỉnh ủy", "Vượt thẩm quyền", Office, Now); break;
            case "redirect": item.Redirect("Khiếu nại", Office, Now); break;
            default: throw new ArgumentOutOfRangeException(nameof(action), action, null);
        }
    }

    [Fact]
    public void Granting_an_extension_moves_the_deadline_and_refusing_needs_a_reason()
    {
        var item = ItemIn(ItemStatus.InProgress);
        Assert.Equal("requestedDueOn", Assert.Throws<DomainValidationException>(() => item.RequestExtension(Due, "Chờ", Office, Now)).Field);
        Assert.Equal("reason", Assert.Throws<DomainValidationException>(() => item.RequestExtension(Due.AddDays(10), " ", Office, Now)).Field);
        Assert.Equal(ItemStatus.InProgress, item.Status);

        item.RequestExtension(Due.AddDays(10), "Chờ số liệu của xã", Office, Now);
        Assert.Equal("note", Assert.Throws<DomainValidationException>(() => item.DecideExtension(false, null, "", Office, Now)).Field);
        var refused = item.DecideExtension(false, null, "Đủ thời gian", Office, Now);
        Assert.Equal(ExtensionDecision.Refused, refused.Decision);
        Assert.Equal(Due, item.CurrentAssignment!.DueOn);
        Assert.Equal(ItemStatus.InProgress, item.Status);

        item.RequestExtension(Due.AddDays(20), "Chờ kết quả thanh tra", Office, Now);
        var granted = item.DecideExtension(true, Due.AddDays(15), "Cho gia hạn 15 ngày", Office, Now);
        Assert.Equal(Due.AddDays(15), item.CurrentAssignment!.DueOn);
        Assert.Equal(Due.AddDays(15), granted.GrantedDueOn);
        Assert.Equal(2, item.ExtensionRequests.Count);
    }

    [Fact]
    public void An_outcome_other_than_resolved_or_explained_needs_its_note()
    {
        var item = ItemIn(ItemStatus.InProgress);
        Assert.Equal("outcomeNote", Assert.Throws<DomainValidationException>(() => item.DraftAnswer("Trả lời", AnswerOutcome.CannotResolveNow, null, Office, Now)).Field);
        Assert.Equal("outcomeNote", Assert.Throws<DomainValidationException>(() => item.DraftAnswer("Trả lời", AnswerOutcome.Scheduled, " ", Office, Now)).Field);
        item.DraftAnswer("Trả lời", AnswerOutcome.CannotResolveNow, "Chờ Trung ương sửa quy định", Office, Now);
        Assert.Equal("Chờ Trung ương sửa quy định", item.OutcomeNote);
    }

    [Fact]
    public void Not_satisfied_reopens_the_item_with_the_reason()
    {
        var published = ItemIn(ItemStatus.Published);
        Assert.Throws<DomainValidationException>(() => published.ConfirmSatisfaction(false, null, Office, Now));
        published.ConfirmSatisfaction(false, "Chưa trả lời đúng trọng tâm", Office, Now);
        Assert.Equal(ItemStatus.InProgress, published.Status);
        Assert.False(published.Satisfied);

        var atSession = ItemIn(ItemStatus.AnsweredAtSession);
        atSession.ConfirmSatisfaction(false, "Cần văn bản trả lời", Office, Now);
        Assert.Equal(ItemStatus.Accepted, atSession.Status);
    }

    [Fact]
    public void Merging_keeps_the_duplicate_and_unmerging_restores_it()
    {
        var duplicate = ItemIn(ItemStatus.Accepted);
        var main = Other();
        duplicate.MergeInto(main, Office, Now);
        Assert.Equal(ItemStatus.Merged, duplicate.Status);
        Assert.Equal("merge-in", main.History.Last().Action);
        Assert.Equal("Đề nghị quan tâm phụ cấp cho cán bộ cơ sở", duplicate.Text);
        Assert.Throws<DomainValidationException>(() => Other().MergeInto(duplicate, Office, Now));
        Assert.Throws<DomainValidationException>(() => main.MergeInto(main, Office, Now));

        duplicate.Unmerge(main, Office, Now);
        Assert.Equal(ItemStatus.Accepted, duplicate.Status);
        Assert.Null(duplicate.MergedIntoItemId);
        Assert.Equal("merge-out", main.History.Last().Action);
    }

    [Fact]
    public void Only_a_co_operating_unit_contributes()
    {
        var item = ItemIn(ItemStatus.InProgress);
        Assert.Equal("unitId", Assert.Throws<DomainValidationException>(() => item.Contribute(LeadUnit, "Phần của Ban", Office, Now)).Field);
        var part = item.Contribute(CoUnit, "Phần của đơn vị phối hợp", Office, Now);
        Assert.Equal(CoUnit, part.OrgUnitId);
        Assert.Single(item.Contributions);
    }
}
