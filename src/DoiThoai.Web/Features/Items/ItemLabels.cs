namespace DoiThoai.Web.Features.Items;

/// <summary>Vietnamese names of item kinds, states and actions; views pass them through the localizer.</summary>
public static class ItemLabels
{
    public static string Of(ItemStatus status) => status switch
    {
        ItemStatus.Received => "Mới tiếp nhận",
        ItemStatus.Classified => "Đã phân loại",
        ItemStatus.AnsweredAtSession => "Đã trả lời tại hội nghị",
        ItemStatus.Accepted => "Đã tiếp thu",
        ItemStatus.Assigned => "Đã giao xử lý",
        ItemStatus.InProgress => "Đang xử lý",
        ItemStatus.AnswerDrafted => "Đã có dự thảo trả lời",
        ItemStatus.Approved => "Đã duyệt trả lời",
        ItemStatus.Published => "Đã công bố/thông báo",
        ItemStatus.Closed => "Đã kết thúc",
        ItemStatus.Merged => "Đã gộp",
        ItemStatus.Escalated => "Đã chuyển cấp trên",
        ItemStatus.Redirected => "Đã chuyển theo thủ tục khác",
        ItemStatus.Returned => "Đã trả lại",
        ItemStatus.ExtensionRequested => "Đang xin gia hạn",
        ItemStatus.ReturnedToOffice => "Đơn vị trả lại Văn phòng",
    };

    public static string Of(ItemKind kind) => kind switch
    {
        ItemKind.Opinion => "Ý kiến",
        ItemKind.Recommendation => "Kiến nghị",
        ItemKind.Reflection => "Phản ánh",
        ItemKind.Proposal => "Đề xuất",
    };

    public static string Of(RaisedStage stage) => stage switch
    {
        RaisedStage.BeforeSession => "Trước hội nghị",
        RaisedStage.AtSession => "Tại hội nghị",
        RaisedStage.AfterSession => "Sau hội nghị",
    };

    public static string Of(Urgency urgency) => urgency switch
    {
        Urgency.Normal => "Thường",
        Urgency.High => "Khẩn",
        Urgency.Urgent => "Hỏa tốc",
    };

    public static string Of(Confidentiality confidentiality) => confidentiality switch
    {
        Confidentiality.Public => "Công khai",
        Confidentiality.Internal => "Nội bộ",
        Confidentiality.Restricted => "Hạn chế",
    };

    public static string Of(AnswerOutcome outcome) => outcome switch
    {
        AnswerOutcome.Resolved => "Đã giải quyết",
        AnswerOutcome.Explained => "Đã giải trình, cung cấp thông tin",
        AnswerOutcome.Scheduled => "Tiếp thu, có lộ trình giải quyết",
        AnswerOutcome.CannotResolveNow => "Chưa thể giải quyết",
    };

    public static string OfAction(string action) => action switch
    {
        Item.Actions.Classify => "Phân loại",
        Item.Actions.Answer => "Trả lời tại hội nghị",
        Item.Actions.Accept => "Tiếp thu",
        Item.Actions.Assign => "Giao xử lý",
        Item.Actions.Return => "Trả lại",
        Item.Actions.Close => "Kết thúc",
        Item.Actions.Start => "Nhận xử lý",
        Item.Actions.ReturnToOffice => "Trả lại Văn phòng",
        Item.Actions.RequestExtension => "Xin gia hạn",
        Item.Actions.DecideExtension => "Quyết định gia hạn",
        Item.Actions.Progress => "Ghi tiến độ",
        Item.Actions.Contribute => "Tham gia ý kiến phối hợp",
        Item.Actions.DraftAnswer => "Dự thảo trả lời",
        Item.Actions.Approve => "Duyệt trả lời",
        Item.Actions.SendBack => "Trả lại dự thảo",
        Item.Actions.Publish => "Thông báo trả lời",
        Item.Actions.Confirm => "Xác nhận mức độ hài lòng",
        Item.Actions.Merge => "Gộp ý kiến trùng",
        Item.Actions.Unmerge => "Tách ý kiến đã gộp",
        Item.Actions.Escalate => "Chuyển cấp trên",
        Item.Actions.Redirect => "Chuyển theo thủ tục khiếu nại, tố cáo",
        "merge-in" => "Nhận ý kiến gộp vào",
        "merge-out" => "Tách ý kiến gộp ra",
        "raise" => "Tiếp nhận",
        _ => action,
    };

    /// <summary>The label of a state as history and refusals store it (the enum name); unknown names stay as they are.</summary>
    public static string OfState(string? state) =>
        Enum.TryParse<ItemStatus>(state, out var status) ? Of(status) : state ?? "";
}
