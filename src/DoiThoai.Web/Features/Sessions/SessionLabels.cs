namespace DoiThoai.Web.Features.Sessions;

/// <summary>Vietnamese names of states and actions; views pass them through the localizer for English.</summary>
public static class SessionLabels
{
    public static string Of(SessionStatus status) => status switch
    {
        SessionStatus.Planned => "Dự kiến",
        SessionStatus.Announced => "Đã thông báo",
        SessionStatus.Collecting => "Đang thu thập ý kiến",
        SessionStatus.Held => "Đã tổ chức",
        SessionStatus.MinutesDone => "Đã có biên bản",
        SessionStatus.ConclusionsIssued => "Đã ban hành kết luận",
        SessionStatus.FollowingUp => "Đang theo dõi thực hiện",
        SessionStatus.Closed => "Đã kết thúc",
        SessionStatus.Cancelled => "Đã hủy",
    };

    public static string OfAction(string action) => action switch
    {
        DialogueSession.Actions.Announce => "Thông báo",
        DialogueSession.Actions.OpenCollection => "Mở thu thập ý kiến",
        DialogueSession.Actions.Hold => "Ghi nhận đã tổ chức",
        DialogueSession.Actions.CompleteMinutes => "Hoàn thành biên bản",
        DialogueSession.Actions.IssueConclusions => "Ban hành kết luận",
        DialogueSession.Actions.StartFollowUp => "Chuyển theo dõi thực hiện",
        DialogueSession.Actions.Close => "Kết thúc",
        DialogueSession.Actions.Cancel => "Hủy hội nghị",
        // Changes that are recorded in the history but are not transitions between states.
        "plan" => "Lên kế hoạch",
        "edit" => "Sửa thông tin hội nghị",
        "save-minutes" => "Lưu dự thảo biên bản",
        "add-conclusion" => "Ghi ý kiến kết luận",
        "add-item" => "Ghi nhận ý kiến",
        "create-task" => "Giao nhiệm vụ theo kết luận",
        _ => action,
    };

    /// <summary>The label of a state as history and refusals store it (the enum name); unknown names stay as they are.</summary>
    public static string OfState(string? state) =>
        Enum.TryParse<SessionStatus>(state, out var status) ? Of(status) : state ?? "";
}
