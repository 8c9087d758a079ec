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
        _ => action,
    };
}
