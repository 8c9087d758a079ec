namespace DoiThoai.Web.Features.Notifications;

/// <summary>Vietnamese names of notification kinds and email choices; views pass them through the localizer.</summary>
public static class NotificationLabels
{
    public static string Of(NotificationKind kind) => kind switch
    {
        NotificationKind.Assigned => "Được giao xử lý",
        NotificationKind.DueSoon => "Sắp đến hạn",
        NotificationKind.Overdue => "Quá hạn",
        NotificationKind.ExtensionDecided => "Quyết định gia hạn",
        NotificationKind.AnswerApproved => "Trả lời được phê duyệt",
        NotificationKind.SatisfactionRequested => "Đề nghị cho ý kiến về câu trả lời",
        NotificationKind.Digest => "Bản tổng hợp hằng ngày",
    };

    public static string Of(EmailDelivery delivery) => delivery switch
    {
        EmailDelivery.Immediately => "Gửi thư ngay khi có thông báo",
        EmailDelivery.DailyDigest => "Gửi một thư tổng hợp mỗi ngày",
        EmailDelivery.Off => "Không gửi thư (chỉ xem trong hệ thống)",
    };

    public static string Of(EmailState state) => state switch
    {
        EmailState.NotNeeded => "Không gửi thư",
        EmailState.Pending => "Chờ gửi",
        EmailState.Sent => "Đã gửi",
        EmailState.Failed => "Gửi không thành công",
        EmailState.InDigest => "Chờ thư tổng hợp",
    };
}
