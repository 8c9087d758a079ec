using DoiThoai.Tests.Features.Sessions;
using DoiThoai.Web.Features.FollowUp;
using DoiThoai.Web.Features.Sessions;

namespace DoiThoai.Tests.Features.FollowUp;

/// <summary>
/// The rules of a follow-up task on the entity itself: progress and its timeline, sub-tasks and
/// the parent's progress computed from them, cancelling and reopening, and every refusal.
/// </summary>
public sealed class TaskTransitionTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 2, 0, 0, DateTimeKind.Utc);   // 09:00 in Vietnam
    private static readonly DateOnly Today = new(2026, 11, 27);
    private static readonly Actor Office = new("u1", "Văn phòng");
    private static readonly Actor Handler = new("u2", "Giáp Văn Long");

    private static (DialogueSession Session, FollowUpTask Task) NewTask(DateOnly? dueOn = null)
    {
        var session = SessionTransitionTests.SessionIn(SessionStatus.Held);
        var conclusion = session.AddConclusion("Rà soát, sắp xếp cán bộ cấp xã", 7, dueOn ?? new DateOnly(2027, 3, 31), Office, Now);
        session.CompleteMinutes("Biên bản", Office, Now);
        session.IssueConclusions(Office, Now);
        return (session, FollowUpTask.FromIssuedConclusion(session, conclusion, Office, Now));
    }

    [Fact]
    public void An_issued_conclusion_becomes_an_open_task_for_its_unit_by_its_date()
    {
        var (session, task) = NewTask();
        Assert.Equal(("Rà soát, sắp xếp cán bộ cấp xã", 7, new DateOnly(2027, 3, 31)), (task.Title, task.OrgUnitId, task.DueOn));
        Assert.Equal(FollowUpStatus.Open, task.Status);
        Assert.Same(session, task.Session);
        Assert.Same(session.Conclusions.Last(), task.Conclusion);
        var entry = Assert.Single(task.Timeline);
        Assert.Equal((0, "Văn phòng"), (entry.Progress, entry.ActorName));
        Assert.Contains("kết luận số 2", entry.Note);   // SessionIn(Held) records one conclusion already
        Assert.Equal([FollowUpTask.Actions.Progress, FollowUpTask.Actions.AddSubtask, FollowUpTask.Actions.Cancel], task.AllowedActions());
    }

    [Fact]
    public void A_conclusion_without_unit_or_date_does_not_become_a_task_by_itself()
    {
        var session = SessionTransitionTests.SessionIn(SessionStatus.ConclusionsIssued);
        var conclusion = session.Conclusions.Single();
        Assert.Throws<DomainValidationException>(() => FollowUpTask.FromIssuedConclusion(session, conclusion, Office, Now));
        // Later, from the session page, with a unit and a date that is not in the past.
        Assert.Equal("dueOn", Assert.Throws<DomainValidationException>(() =>
            FollowUpTask.FromConclusion(session, conclusion, 7, Today.AddDays(-1), Office, Now)).Field);
        var task = FollowUpTask.FromConclusion(session, conclusion, 7, Today, Office, Now);
        Assert.Equal(Today, task.DueOn);
    }

    [Fact]
    public void Progress_is_recorded_with_a_note_on_the_timeline_and_100_marks_it_done()
    {
        var (_, task) = NewTask();
        task.RecordProgress(30, "Đã rà soát 12/30 xã", Handler, Now.AddDays(1));
        task.RecordProgress(20, "Điều chỉnh lại sau khi kiểm tra số liệu", Handler, Now.AddDays(2));
        Assert.Equal((20, FollowUpStatus.Open), (task.Progress, task.Status));

        task.RecordProgress(100, "Đã báo cáo Ban Thường vụ", Handler, Now.AddDays(9));
        Assert.Equal(FollowUpStatus.Done, task.Status);
        Assert.Equal(Now.AddDays(9), task.DoneAtUtc);
        Assert.Equal(new int?[] { 0, 30, 20, 100 }, task.Timeline.Select(e => e.Progress));
        Assert.Equal("Đã báo cáo Ban Thường vụ", task.Timeline.Last().Note);
        Assert.Equal("Giáp Văn Long", task.Timeline.Last().ActorName);
        Assert.Equal([FollowUpTask.Actions.Reopen], task.AllowedActions());
        Assert.Throws<WorkflowException>(() => task.RecordProgress(50, "thêm", Handler, Now));
    }

    [Theory]
    [InlineData(-1, "Ghi chú", "progress")]
    [InlineData(101, "Ghi chú", "progress")]
    [InlineData(50, "", "note")]
    [InlineData(50, "   ", "note")]
    [InlineData(50, null, "note")]
    public void Bad_progress_or_a_missing_note_is_refused_and_changes_nothing(int progress, string? note, string field)
    {
        var (_, task) = NewTask();
        var error = Assert.Throws<DomainValidationException>(() => task.RecordProgress(progress, note, Handler, Now));
        Assert.Equal(field, error.Field);
        Assert.Equal((0, FollowUpStatus.Open, 1), (task.Progress, task.Status, task.Timeline.Count));
    }

    [Fact]
    public void A_parent_computes_its_progress_from_its_children_leaving_cancelled_ones_out()
    {
        var (_, parent) = NewTask();
        parent.RecordProgress(40, "Bắt đầu", Office, Now);
        var a = parent.AddSubtask("Huyện A báo cáo", 8, new DateOnly(2027, 1, 31), Office, Now);
        var b = parent.AddSubtask("Huyện B báo cáo", 9, new DateOnly(2027, 2, 28), Office, Now);
        var c = parent.AddSubtask("Huyện C báo cáo", 10, new DateOnly(2027, 3, 31), Office, Now);
        Assert.Equal(0, parent.ComputedProgress());             // its own 40 % no longer counts
        Assert.Same(parent, a.Parent);
        Assert.Equal(parent.SessionId, a.SessionId);

        a.RecordProgress(90, "Gần xong", Handler, Now);
        b.RecordProgress(30, "Đang làm", Handler, Now);
        Assert.Equal(40, parent.ComputedProgress());            // (90 + 30 + 0) / 3

        c.Cancel("Trùng với nhiệm vụ khác", Office, Now);
        Assert.Equal(60, parent.ComputedProgress());            // (90 + 30) / 2
        Assert.Equal(FollowUpStatus.Open, parent.Status);
        Assert.Contains(parent.Timeline, e => e.Note.StartsWith("Thêm nhiệm vụ con: Huyện C báo cáo"));
    }

    [Fact]
    public void Progress_of_a_parent_is_not_set_directly()
    {
        var (_, parent) = NewTask();
        parent.AddSubtask("Một phần việc", 8, new DateOnly(2027, 1, 31), Office, Now);
        Assert.DoesNotContain(FollowUpTask.Actions.Progress, parent.AllowedActions());
        var refused = Assert.Throws<WorkflowException>(() => parent.RecordProgress(50, "Ghi chú", Office, Now));
        Assert.Equal(TaskRules.ParentProgressMessage, refused.Message);
        Assert.Equal(nameof(FollowUpStatus.Open), refused.CurrentState);
        Assert.Equal([FollowUpTask.Actions.AddSubtask, FollowUpTask.Actions.Cancel], refused.AllowedActions);
    }

    [Fact]
    public void A_parent_is_done_when_its_last_child_is_and_open_again_when_one_reopens()
    {
        var (_, parent) = NewTask();
        var a = parent.AddSubtask("Phần A", 8, new DateOnly(2027, 1, 31), Office, Now);
        var b = parent.AddSubtask("Phần B", 9, new DateOnly(2027, 1, 31), Office, Now);
        a.RecordProgress(100, "Xong phần A", Handler, Now);
        Assert.Equal(FollowUpStatus.Open, parent.Status);
        b.RecordProgress(100, "Xong phần B", Handler, Now.AddHours(1));
        Assert.Equal((FollowUpStatus.Done, 100), (parent.Status, parent.ComputedProgress()));
        Assert.Equal(Now.AddHours(1), parent.DoneAtUtc);

        b.Reopen("Số liệu phần B chưa đủ", Office, Now.AddHours(2));
        Assert.Equal((FollowUpStatus.Open, FollowUpStatus.Open), (b.Status, parent.Status));
        Assert.Null(parent.DoneAtUtc);
        Assert.Equal("Mở lại nhiệm vụ: Số liệu phần B chưa đủ", b.Timeline.Last().Note);
    }

    [Fact]
    public void A_sub_task_is_due_no_later_than_its_parent_and_not_in_the_past()
    {
        var (_, parent) = NewTask(new DateOnly(2027, 1, 31));
        var late = Assert.Throws<DomainValidationException>(() => parent.AddSubtask("Quá hạn cha", 8, new DateOnly(2027, 2, 1), Office, Now));
        Assert.Equal("dueOn", late.Field);
        Assert.Equal("dueOn", Assert.Throws<DomainValidationException>(() => parent.AddSubtask("Quá khứ", 8, Today.AddDays(-1), Office, Now)).Field);
        Assert.Equal("title", Assert.Throws<DomainValidationException>(() => parent.AddSubtask(" ", 8, Today, Office, Now)).Field);
        Assert.Empty(parent.Children);
        Assert.Single(parent.Timeline);

        parent.AddSubtask("Đúng hạn cha", 8, new DateOnly(2027, 1, 31), Office, Now);
        parent.AddSubtask("Hôm nay", 8, Today, Office, Now);
        Assert.Equal(2, parent.Children.Count);
    }

    [Fact]
    public void Cancelling_needs_a_reason_and_takes_the_open_sub_tasks_along()
    {
        var (_, parent) = NewTask();
        var done = parent.AddSubtask("Đã xong", 8, new DateOnly(2027, 1, 31), Office, Now);
        var open = parent.AddSubtask("Đang làm", 9, new DateOnly(2027, 1, 31), Office, Now);
        done.RecordProgress(100, "Xong", Handler, Now);
        Assert.Equal("reason", Assert.Throws<DomainValidationException>(() => parent.Cancel("  ", Office, Now)).Field);

        parent.Cancel("Chủ trương thay đổi", Office, Now);
        Assert.Equal((FollowUpStatus.Cancelled, FollowUpStatus.Done, FollowUpStatus.Cancelled), (parent.Status, done.Status, open.Status));
        Assert.Equal("Hủy theo nhiệm vụ cha: Chủ trương thay đổi", open.Timeline.Last().Note);
        Assert.Empty(parent.AllowedActions());
        Assert.Empty(done.AllowedActions());                     // work under a cancelled task stays as it ended
        Assert.Throws<WorkflowException>(() => parent.Reopen("Mở lại", Office, Now));
    }

    [Fact]
    public void Only_a_done_task_is_reopened_and_only_with_a_note()
    {
        var (_, task) = NewTask();
        Assert.Throws<WorkflowException>(() => task.Reopen("Chưa xong", Office, Now));
        task.RecordProgress(100, "Xong", Handler, Now);
        Assert.Equal("note", Assert.Throws<DomainValidationException>(() => task.Reopen("", Office, Now)).Field);
        task.Reopen("Kết quả chưa đạt yêu cầu", Office, Now);
        Assert.Equal(FollowUpStatus.Open, task.Status);
        Assert.Null(task.DoneAtUtc);
        task.RecordProgress(80, "Làm lại phần còn thiếu", Handler, Now);
        Assert.Equal(80, task.ComputedProgress());
    }

    [Fact]
    public void Overdue_and_due_soon_are_derived_from_today_for_open_tasks_only()
    {
        var (_, task) = NewTask(new DateOnly(2026, 12, 1));
        Assert.True(task.IsDueSoon(Today));
        Assert.False(task.IsOverdue(Today));
        Assert.True(task.IsOverdue(new DateOnly(2026, 12, 2)));
        Assert.False(task.IsDueSoon(new DateOnly(2026, 11, 20)));
        task.RecordProgress(100, "Xong", Handler, Now);
        Assert.False(task.IsOverdue(new DateOnly(2026, 12, 2)));
    }
}
