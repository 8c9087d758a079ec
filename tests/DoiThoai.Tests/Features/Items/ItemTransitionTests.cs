using DoiThoai.Tests.Features.Sessions;
using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Sessions;
using DoiThoai.Web.Infrastructure;

namespace DoiThoai.Tests.Features.Items;

/// <summary>
/// Every item action tried in every state this issue can reach: allowed ones move the item and
/// write history, refused ones leave it untouched. The expected table is written out here.
/// </summary>
public sealed class ItemTransitionTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 2, 0, 0, DateTimeKind.Utc);
    private static readonly Actor Office = new("u1", "Văn phòng");

    private static readonly Dictionary<ItemStatus, (string Action, ItemStatus To)[]> Allowed = new()
    {
        [ItemStatus.Received] = [("classify", ItemStatus.Classified), ("answer", ItemStatus.AnsweredAtSession), ("accept", ItemStatus.Accepted), ("return", ItemStatus.Returned)],
        [ItemStatus.Classified] = [("classify", ItemStatus.Classified), ("answer", ItemStatus.AnsweredAtSession), ("accept", ItemStatus.Accepted), ("assign", ItemStatus.Assigned), ("return", ItemStatus.Returned)],
        [ItemStatus.AnsweredAtSession] = [("close", ItemStatus.Closed)],
        [ItemStatus.Accepted] = [("classify", ItemStatus.Accepted), ("assign", ItemStatus.Assigned)],
        [ItemStatus.Assigned] = [],
        [ItemStatus.Returned] = [],
        [ItemStatus.Closed] = [],
    };

    public static TheoryData<ItemStatus, string> EveryReachableStateAndAction()
    {
        var data = new TheoryData<ItemStatus, string>();
        foreach (var state in Allowed.Keys)
            foreach (var action in Item.Actions.All)
                data.Add(state, action);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryReachableStateAndAction))]
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

    private static Item ItemIn(ItemStatus state)
    {
        var session = SessionTransitionTests.SessionIn(SessionStatus.Held);
        var item = Item.Raise(session, 1, Details(RaisedStage.AtSession), Office, Now);
        switch (state)
        {
            case ItemStatus.Received: break;
            case ItemStatus.Classified: Classify(item); break;
            case ItemStatus.AnsweredAtSession: item.AnswerAtSession("Giải trình", AnswerOutcome.Explained, "Lãnh đạo", Office, Now); break;
            case ItemStatus.Accepted: Classify(item); item.Accept(Office, Now); break;
            case ItemStatus.Assigned: Classify(item); item.AssignTo(5, [], new DateOnly(2026, 12, 31), null, Office, Now); break;
            case ItemStatus.Returned: item.Return("Không thuộc thẩm quyền", Office, Now); break;
            case ItemStatus.Closed: item.AnswerAtSession("Giải trình", AnswerOutcome.Resolved, "Lãnh đạo", Office, Now); item.Close(Office, Now); break;
            default: throw new ArgumentOutOfRangeException(nameof(state), state, "not reachable in this issue");
        }
        Assert.Equal(state, item.Status);
        return item;
    }

    private static void Classify(Item item) => item.Classify(3, ItemKind.Recommendation, Urgency.High, Confidentiality.Internal, Office, Now);

    private static void Perform(Item item, string action)
    {
        switch (action)
        {
            case "classify": Classify(item); break;
            case "answer": item.AnswerAtSession("Trả lời", AnswerOutcome.Explained, "Lãnh đạo", Office, Now); break;
            case "accept": item.Accept(Office, Now); break;
            case "assign": item.AssignTo(5, [6], new DateOnly(2026, 12, 31), null, Office, Now); break;
            case "return": item.Return("Không thuộc phạm vi", Office, Now); break;
            case "close": item.Close(Office, Now); break;
            default: throw new ArgumentOutOfRangeException(nameof(action), action, null);
        }
    }
}
