using DoiThoai.Web.Features.Items;
using T = DoiThoai.Web.Features.Demo.DemoCodes.Topics;

namespace DoiThoai.Web.Features.Demo;

/// <summary>Answer templates the advisory bodies start their drafts from, one or two per common topic.</summary>
internal static class DemoTemplates
{
    private static readonly (string Topic, string Title, string Text)[] Rows =
    [
        (T.Allowances, "Chế độ thuộc thẩm quyền Trung ương",
            "Chế độ, chính sách đối với [đối tượng] do [cơ quan Trung ương] quy định tại [văn bản]; tỉnh chưa thể tự điều chỉnh. Tỉnh ủy ghi nhận kiến nghị, tổng hợp vào báo cáo gửi [cơ quan Trung ương] và sẽ thông báo khi có quy định mới. Trong thẩm quyền của tỉnh, [nội dung tỉnh đã/ sẽ làm]."),
        (T.Allowances, "Điều chỉnh trong thẩm quyền của tỉnh, có lộ trình",
            "Tiếp thu kiến nghị, [cơ quan tham mưu] đã phối hợp [cơ quan] rà soát [nội dung]; dự kiến trình [cấp có thẩm quyền] xem xét điều chỉnh từ [thời điểm]. Kết quả sẽ được thông báo đến cơ sở."),
        (T.Cadres, "Hướng dẫn về công tác cán bộ",
            "Về nội dung đồng chí nêu, [cơ quan tham mưu] hướng dẫn như sau: [căn cứ quy định]; [cách thực hiện]. Đề nghị cấp ủy cơ sở tổ chức thực hiện và báo cáo vướng mắc (nếu có) về [đầu mối]."),
        (T.Recruitment, "Tạo nguồn kết nạp đảng viên",
            "Cấp ủy cơ sở giao chi bộ theo dõi, bồi dưỡng quần chúng ưu tú từ [nguồn]; phối hợp [tổ chức] để nắm danh sách, giao nhiệm vụ thử thách và đề nghị kết nạp khi đủ điều kiện theo Điều lệ Đảng."),
        (T.Inspection, "Trình tự kiểm tra khi có dấu hiệu vi phạm",
            "Ủy ban Kiểm tra [cấp] hướng dẫn [tổ chức đảng] tiến hành kiểm tra khi có dấu hiệu vi phạm theo Quy định [số hiệu]; kết quả xem xét, xử lý được báo cáo [cấp trên] trước ngày [thời hạn]."),
    ];

    public static void Add(AppDbContext db, DemoWorld world)
    {
        foreach (var (topic, title, text) in Rows)
            db.AnswerTemplates.Add(new AnswerTemplate { TopicId = world.TopicId(topic), Title = title, Text = text, IsActive = true });
    }
}
