using DoiThoai.Web.Features.History;
using DoiThoai.Web.Features.Sessions;
using DoiThoai.Web.Infrastructure;

namespace DoiThoai.Tests.Features.Sessions;

/// <summary>
/// Every action tried in every state of a session: the allowed ones move it and write history,
/// the others are refused with the state and the allowed actions. The table is written out here,
/// independently of the entity, so a change to the rules must change this test too.
/// </summary>
public sealed class SessionTransitionTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 2, 0, 0, DateTimeKind.Utc);
    private static readonly Actor Office = new("u1", "Văn phòng");

    private static readonly Dictionary<SessionStatus, (string Action, SessionStatus To)[]> Allowed = new()
    {
        [SessionStatus.Planned] = [("announce", SessionStatus.Announced), ("open-collection", SessionStatus.Collecting), ("hold", SessionStatus.Held), ("cancel", SessionStatus.Cancelled)],
        [SessionStatus.Announced] = [("open-collection", SessionStatus.Collecting), ("hold", SessionStatus.Held), ("cancel", SessionStatus.Cancelled)],
        [SessionStatus.Collecting] = [("hold", SessionStatus.Held), ("cancel", SessionStatus.Cancelled)],
        [SessionStatus.Held] = [("complete-minutes", SessionStatus.MinutesDone)],
        [SessionStatus.MinutesDone] = [("issue-conclusions", SessionStatus.ConclusionsIssued)],
        [SessionStatus.ConclusionsIssued] = [("start-follow-up", SessionStatus.FollowingUp), ("close", SessionStatus.Closed)],
        [SessionStatus.FollowingUp] = [("close", SessionStatus.Closed)],
        [SessionStatus.Closed] = [],
        [SessionStatus.Cancelled] = [],
    };

    public static TheoryData<SessionStatus, string> EveryStateAndAction()
    {
        var data = new TheoryData<SessionStatus, string>();
        foreach (var state in Enum.GetValues<SessionStatus>())
            foreach (var action in DialogueSession.Actions.All)
                data.Add(state, action);
        return data;
    }

    [Fact]
    public void The_table_covers_every_state() =>
        Assert.Equal(Enum.GetValues<SessionStatus>().Order(), Allowed.Keys.Order());

    [Theory]
    [MemberData(nameof(EveryStateAndAction))]
    public void Action_in_state_is_allowed_or_refused_as_the_table_says(SessionStatus state, string action)
    {
        var session = SessionIn(state);
        var expected = Allowed[state].Where(a => a.Action == action).Select(a => (SessionStatus?)a.To).SingleOrDefault();
        var historyBefore = session.History.Count;

        if (expected is { } to)
        {
            Assert.Contains(action, session.AllowedActions());
            Perform(session, action);
            Assert.Equal(to, session.Status);
            var entry = session.History.Last();
            Assert.Equal(historyBefore + 1, session.History.Count);
            Assert.Equal((action, state.ToString(), to.ToString(), "Văn phòng"), (entry.Action, entry.FromState, entry.ToState, entry.ActorName));
        }
        else
        {
            Assert.DoesNotContain(action, session.AllowedActions());
            var refused = Assert.Throws<WorkflowException>(() => Perform(session, action));
            Assert.Equal(state.ToString(), refused.CurrentState);
            Assert.Equal(Allowed[state].Select(a => a.Action).Order(), refused.AllowedActions.Order());
            Assert.Equal(state, session.Status);
            Assert.Equal(historyBefore, session.History.Count);
        }
    }

    [Fact]
    public void Conclusions_cannot_be_issued_without_a_conclusion()
    {
        var session = SessionIn(SessionStatus.Planned);
        session.Hold(80, null, Office, Now);
        session.CompleteMinutes("Biên bản", Office, Now);
        var error = Assert.Throws<DomainValidationException>(() => session.IssueConclusions(Office, Now));
        Assert.Equal("conclusions", error.Field);
        Assert.Equal(SessionStatus.MinutesDone, session.Status);
    }

    [Fact]
    public void Holding_needs_a_plausible_attendance_and_minutes_need_text()
    {
        var session = SessionIn(SessionStatus.Planned);
        Assert.Throws<DomainValidationException>(() => session.Hold(0, null, Office, Now));
        Assert.Equal(SessionStatus.Planned, session.Status);
        session.Hold(120, "gần 100 bí thư chi bộ", Office, Now);
        Assert.Throws<DomainValidationException>(() => session.CompleteMinutes("  ", Office, Now));
        Assert.Equal(SessionStatus.Held, session.Status);
    }

    [Fact]
    public void Cancelling_needs_a_reason_and_a_conclusion_due_date_may_not_be_past()
    {
        var session = SessionIn(SessionStatus.Planned);
        Assert.Throws<DomainValidationException>(() => session.Cancel(" ", Office, Now));
        session.Hold(50, null, Office, Now);
        Assert.Throws<DomainValidationException>(() => session.AddConclusion("Làm tốt công tác dân vận", null, new DateOnly(2026, 11, 26), Office, Now));
        var conclusion = session.AddConclusion("Làm tốt công tác dân vận", null, new DateOnly(2026, 11, 27), Office, Now);
        Assert.Equal(1, conclusion.Order);
    }

    internal static DialogueSession SessionIn(SessionStatus state)
    {
        var session = DialogueSession.Plan(new SessionDetails("Hội nghị đối thoại", 1, null, null, Now, "Hội trường", null, null, null, []), Office, Now);
        SessionStatus[] path = state switch
        {
            SessionStatus.Planned => [],
            SessionStatus.Announced => [SessionStatus.Announced],
            SessionStatus.Collecting => [SessionStatus.Announced, SessionStatus.Collecting],
            SessionStatus.Held => [SessionStatus.Held],
            SessionStatus.MinutesDone => [SessionStatus.Held, SessionStatus.MinutesDone],
            SessionStatus.ConclusionsIssued => [SessionStatus.Held, SessionStatus.MinutesDone, SessionStatus.ConclusionsIssued],
            SessionStatus.FollowingUp => [SessionStatus.Held, SessionStatus.MinutesDone, SessionStatus.ConclusionsIssued, SessionStatus.FollowingUp],
            SessionStatus.Closed => [SessionStatus.Held, SessionStatus.MinutesDone, SessionStatus.ConclusionsIssued, SessionStatus.Closed],
            SessionStatus.Cancelled => [SessionStatus.Cancelled],
        };
        foreach (var step in path)
        {
            switch (step)
            {
                case SessionStatus.Announced: session.Announce(Office, Now); break;
                case SessionStatus.Collecting: session.OpenCollection(Office, Now); break;
                case SessionStatus.Held: session.Hold(100, null, Office, Now); session.AddConclusion("Quán triệt nghị quyết", null, null, Office, Now); break;
                case SessionStatus.MinutesDone: session.CompleteMinutes("Biên bản hội nghị", Office, Now); break;
                case SessionStatus.ConclusionsIssued: session.IssueConclusions(Office, Now); break;
                case SessionStatus.FollowingUp: session.StartFollowUp(Office, Now); break;
                case SessionStatus.Closed: session.Close(null, Office, Now); break;
                case SessionStatus.Cancelled: session.Cancel("Hoãn vì thiên tai", Office, Now); break;
            }
        }
        Assert.Equal(state, session.Status);
        return session;
    }

    private static void Perform(DialogueSession session, string action)
    {
        switch (action)
        {
            case "announce": session.Announce(Office, Now); break;
            case "open-collection": session.OpenCollection(Office, Now); break;
            case "hold": session.Hold(100, null, Office, Now); break;
            case "complete-minutes": session.CompleteMinutes("Biên bản", Office, Now); break;
            case "issue-conclusions":
                if (session.Conclusions.Count == 0 && session.Status is SessionStatus.Held or SessionStatus.MinutesDone)
                    session.AddConclusion("Kết luận", null, null, Office, Now);
                session.IssueConclusions(Office, Now);
                break;
            case "start-follow-up": session.StartFollowUp(Office, Now); break;
            case "close": session.Close("Đã xong", Office, Now); break;
            case "cancel": session.Cancel("Hoãn", Office, Now); break;
            default: throw new ArgumentOutOfRangeException(nameof(action), action, null);
        }
    }
}
