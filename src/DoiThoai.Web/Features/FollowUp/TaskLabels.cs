namespace DoiThoai.Web.Features.FollowUp;

/// <summary>Vietnamese names of task states and actions; views pass them through the localizer for English.</summary>
public static class TaskLabels
{
    public static string Of(FollowUpStatus status) => status switch
    {
        FollowUpStatus.Open => "Đang thực hiện",
        FollowUpStatus.Done => "Đã hoàn thành",
        FollowUpStatus.Cancelled => "Đã hủy",
    };

    public static string OfAction(string action) => action switch
    {
        FollowUpTask.Actions.Progress => "Cập nhật tiến độ",
        FollowUpTask.Actions.AddSubtask => "Thêm nhiệm vụ con",
        FollowUpTask.Actions.Cancel => "Hủy nhiệm vụ",
        FollowUpTask.Actions.Reopen => "Mở lại nhiệm vụ",
        _ => action,
    };

    /// <summary>The label of a state as refusals name it (the enum name); unknown names stay as they are.</summary>
    public static string OfState(string? state) =>
        Enum.TryParse<FollowUpStatus>(state, out var status) ? Of(status) : state ?? "";
}
