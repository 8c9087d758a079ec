namespace DoiThoai.Bench.Corpus;

/// <summary>
/// Word lists for the sentences party members raise at dialogue sessions. Recombined by
/// <see cref="ItemGenerator"/> with the uit-vsfc sentences so items read like real records: a request
/// about land, a programme, a branch, with the vocabulary offices actually search for.
/// </summary>
internal static class PartyVocabulary
{
    public static readonly string[] Speakers =
    [
        "Đồng chí bí thư chi bộ", "Đảng viên chi bộ thôn", "Đồng chí phó bí thư Đảng ủy xã", "Cử tri thôn",
        "Đồng chí trưởng thôn", "Hội Cựu chiến binh xã", "Đoàn Thanh niên", "Hội Liên hiệp Phụ nữ",
        "Đồng chí chủ tịch Mặt trận Tổ quốc xã", "Đảng viên cao tuổi", "Hội Nông dân", "Đồng chí ủy viên Ban Thường vụ",
    ];

    public static readonly string[] Requests =
    [
        "đề nghị", "kiến nghị", "đề xuất", "phản ánh", "mong muốn", "đề nghị cấp ủy", "kính đề nghị",
    ];

    public static readonly string[] Bodies =
    [
        "Tỉnh ủy", "Tỉnh uỷ", "Ủy ban nhân dân tỉnh", "Uỷ ban nhân dân xã", "Đảng ủy xã", "Đảng uỷ phường",
        "Ban Thường vụ Tỉnh ủy", "Ủy ban Kiểm tra", "Ban Tổ chức", "Ban Tuyên giáo và Dân vận", "Ban Nội chính",
        "Mặt trận Tổ quốc", "Hội đồng nhân dân", "Văn phòng Tỉnh ủy", "Sở Tài nguyên và Môi trường", "Sở Y tế",
        "Sở Giáo dục và Đào tạo", "Công an tỉnh", "chính quyền địa phương", "các ngành chức năng",
    ];

    public static readonly string[] Actions =
    [
        "sớm xem xét, giải quyết", "chỉ đạo làm rõ", "có văn bản trả lời", "kiểm tra, xử lý dứt điểm",
        "quan tâm hỗ trợ kinh phí cho", "công khai kết quả", "đẩy nhanh tiến độ", "rà soát lại",
        "hướng dẫn cụ thể việc", "tháo gỡ vướng mắc trong", "bố trí vốn cho", "xử lý nghiêm sai phạm trong",
        "không để kéo dài việc", "chưa giải quyết xong việc", "chẳng có hồi âm về",
    ];

    public static readonly string[] Matters =
    [
        "giải phóng mặt bằng dự án khu công nghiệp", "bồi thường đất đai khi thu hồi đất nông nghiệp",
        "cấp giấy chứng nhận quyền sử dụng đất", "đất đai lấn chiếm hành lang giao thông",
        "xây dựng nông thôn mới nâng cao", "chương trình mục tiêu quốc gia giảm nghèo bền vững",
        "sắp xếp đơn vị hành chính cấp xã", "chế độ cho cán bộ không chuyên trách dôi dư",
        "thực hiện Nghị quyết của Ban Chấp hành Trung ương", "Nghị quyết số 18-NQ/TW về tinh gọn bộ máy",
        "Quy định 11-QĐi/TW về tiếp dân và đối thoại", "sinh hoạt chi bộ định kỳ hằng tháng",
        "kết nạp đảng viên mới ở nông thôn", "thu nộp đảng phí", "phát thẻ đảng viên và huy hiệu Đảng",
        "ô nhiễm môi trường tại làng nghề", "rác thải sinh hoạt và nước thải chưa xử lý",
        "đường giao thông liên thôn xuống cấp", "trường học thiếu phòng học và giáo viên",
        "trạm y tế xã thiếu thuốc và bác sĩ", "bảo hiểm y tế cho người cao tuổi", "giá điện sinh hoạt tăng cao",
        "an ninh trật tự và tệ nạn ma túy", "hòa giải mâu thuẫn đất đai trong khu dân cư", "hoà giải ở cơ sở",
        "chính sách người có công với cách mạng", "hỗ trợ nông dân chuyển đổi cơ cấu cây trồng",
        "quản lý chợ và hàng hóa không rõ nguồn gốc", "khỏe mạnh cho người dân vùng ngập lụt", "thủy lợi nội đồng",
        "công tác phòng chống tham nhũng, lãng phí", "chuyển đổi số trong cơ quan đảng", "dịch vụ công trực tuyến",
        "quy hoạch khu dân cư mới", "xây dựng nhà văn hóa thôn", "tiền đền bù chậm chi trả",
    ];

    public static readonly string[] Places =
    [
        "thôn Nội Ninh", "thôn Đông Tiến", "xã Tiên Sơn", "phường Đại Phúc", "khu phố 3", "thôn Quế Võ",
        "xã Việt Yên", "thôn Hòa Bình", "xóm Thủy Lợi", "khu dân cư số 5", "thôn Quý Sơn", "xã Ninh Xá",
    ];

    public static readonly string[] Closings =
    [
        "Nhân dân rất mong sớm được trả lời.", "Việc này đã kiến nghị nhiều lần nhưng chưa được giải quyết.",
        "Đề nghị thông báo kết quả tại kỳ đối thoại sau.", "Cử tri không đồng tình với cách làm hiện nay.",
        "Bà con chưa hiểu rõ chủ trương này.", "Đề nghị có lộ trình cụ thể và công khai.",
        "Việc chậm trễ ảnh hưởng đến đời sống của người dân.", "Chi bộ đã họp và thống nhất kiến nghị này.",
    ];

    public static readonly string[] Answers =
    [
        "Ủy ban nhân dân tỉnh đã chỉ đạo các sở, ngành rà soát và sẽ trả lời bằng văn bản trong tháng.",
        "Đồng chí Bí thư Tỉnh ủy giải trình tại hội nghị: kinh phí đã được bố trí trong kế hoạch năm sau.",
        "Ban Thường vụ đã giao Ủy ban Kiểm tra làm rõ và báo cáo kết quả.",
        "Việc bồi thường giải phóng mặt bằng được thực hiện theo đúng quy định của Luật Đất đai.",
        "Đề nghị của cử tri là chính đáng; địa phương sẽ tổ chức thực hiện trong quý tới.",
        "Chưa thể giải quyết ngay vì còn chờ hướng dẫn của Trung ương.",
    ];

    /// <summary>Words inserted or substituted when near-duplicates are made.</summary>
    public static readonly string[] Fillers =
    [
        "cần", "sớm", "rõ", "ngay", "thêm", "lại", "nữa", "việc", "vấn đề", "đó", "này", "cụ thể", "nhiều",
        "các", "những", "đã", "sẽ", "đang", "vẫn", "rất", "tại", "địa phương", "người dân", "cán bộ",
    ];

    /// <summary>Rewordings used for paraphrases (both directions).</summary>
    public static readonly (string, string)[] Synonyms =
    [
        ("đề nghị", "kiến nghị"), ("xem xét", "cân nhắc"), ("giải quyết", "xử lý"), ("nhân dân", "người dân"),
        ("sớm", "khẩn trương"), ("cử tri", "bà con"), ("chưa", "vẫn chưa"), ("trả lời", "phúc đáp"),
        ("kiểm tra", "thanh tra"), ("thiếu", "chưa đủ"), ("hỗ trợ", "giúp đỡ"), ("rà soát", "xem lại"),
        ("xuống cấp", "hư hỏng"), ("chậm", "muộn"), ("thực hiện", "triển khai"), ("quan tâm", "chú ý"),
    ];

    public static readonly string[] TopicNames =
    [
        "Đất đai", "Giải phóng mặt bằng", "Môi trường", "Giao thông", "Giáo dục", "Y tế", "An sinh xã hội",
        "Công tác đảng viên", "Tổ chức bộ máy", "Kiểm tra, giám sát", "Phòng chống tham nhũng", "Nông nghiệp",
        "Thủy lợi", "An ninh trật tự", "Văn hóa", "Chuyển đổi số", "Tài chính, ngân sách", "Quy hoạch",
        "Người có công", "Dân vận",
    ];
}
