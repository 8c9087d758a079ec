using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Sessions;
using static DoiThoai.Web.Features.Demo.DemoCodes;
using T = DoiThoai.Web.Features.Demo.DemoCodes.Topics;

namespace DoiThoai.Web.Features.Demo;

/// <summary>
/// The seed story: the dialogue of 08/09/2017 between the Standing Deputy Secretary of the Bắc Giang
/// Provincial Party Committee and party members of Việt Yên district. The facts (date, people, the
/// 16 opinions and their themes, the four directions) come from the published report; every sentence
/// here is written for the demo, none is copied from it.
/// </summary>
internal static class DemoSession2017
{
    private const string Khoa = "Thân Văn Khoa";
    private const string Canh = "Nguyễn Văn Cảnh";
    /// <summary>The minutes secretary; she also does the office work on the record.</summary>
    private const string Ha = "Nguyễn Thị Thanh Hà";
    private const string AnsweredBy = "Thân Văn Khoa, Phó Bí thư Thường trực Tỉnh ủy";

    private static DateTime At(int month, int day, int hour, int minute) =>
        VietnamTime.ToUtc(new DateTime(2017, month, day, hour, minute, 0));

    public static void Add(AppDbContext db, DemoWorld world)
    {
        var office = world.ActorFor(Ha);
        var leader = world.ActorFor(Khoa);

        var session = DialogueSession.Plan(new SessionDetails(
            "Hội nghị tiếp xúc, đối thoại giữa Phó Bí thư Thường trực Tỉnh ủy với đảng viên Đảng bộ huyện Việt Yên",
            world.UnitId(Old.Province),
            world.UnitId(Old.District),
            world.TermId(Old.Province, "2015–2020"),
            At(9, 8, 8, 0),
            "Hội trường Huyện ủy Việt Yên, thị trấn Bích Động, huyện Việt Yên",
            Agenda,
            InvitedGroups,
            $"{Ha}, chuyên viên Văn phòng Tỉnh ủy",
            [
                new ChairDetails(world.Person(Khoa).Id, "Phó Bí thư Thường trực Tỉnh ủy"),
                new ChairDetails(world.Person(Canh).Id, "Tỉnh ủy viên, Bí thư Huyện ủy, Chủ tịch HĐND huyện Việt Yên"),
            ]), office, At(8, 21, 9, 0));
        session.Announce(office, At(8, 25, 15, 0), "Đã gửi giấy mời đến Huyện ủy Việt Yên và các cơ quan tham mưu của Tỉnh ủy.");

        session.Hold(132, "Trong số đại biểu có gần 100 bí thư chi bộ thôn, tổ dân phố của các xã, thị trấn trong huyện.", office, At(9, 8, 8, 0));
        var items = new DemoItemRun(world, session, Items);
        items.Raise(Items.Length, office, At(9, 8, 8, 45), TimeSpan.FromMinutes(6));
        items.Classify(office, TimeSpan.FromMinutes(2));
        items.Respond(leader, AnsweredBy, At(9, 8, 10, 30), TimeSpan.FromMinutes(4));

        session.CompleteMinutes(Minutes, office, At(9, 11, 16, 0));
        var conclusionAt = At(9, 12, 9, 0);
        foreach (var (text, lead, due) in Conclusions)
        {
            session.AddConclusion(text, world.UnitId(lead), due, leader, conclusionAt);
            conclusionAt = conclusionAt.AddMinutes(5);
        }
        session.IssueConclusions(leader, At(9, 14, 10, 0), "Thông báo kết luận của Thường trực Tỉnh ủy gửi Huyện ủy Việt Yên và các cơ quan liên quan.");
        session.StartFollowUp(office, At(9, 15, 8, 0), "Văn phòng Tỉnh ủy theo dõi, đôn đốc thực hiện kết luận và trả lời kiến nghị.");
        items.FollowUp(office, world.ActorFor(Khoa), At(9, 15, 8, 30), TimeSpan.FromMinutes(10));

        db.Sessions.Add(session);
        AddTasks(db, world, session, At(9, 14, 10, 0));
    }

    /// <summary>Every direction of the 2017 conclusions was carried out and reported done in 2018.</summary>
    private static void AddTasks(AppDbContext db, DemoWorld world, DialogueSession session, DateTime issuedAtUtc)
    {
        Report[][] reports =
        [
            [new(30, 40, "Các đảng ủy xã, thị trấn đã xây dựng kế hoạch thực hiện nghị quyết của Tỉnh ủy, Huyện ủy."), new(100, 100, "Sơ kết 6 tháng; 100% chi bộ có kế hoạch hành động.")],
            [new(45, 50, "Đổi mới nội dung sinh hoạt chi bộ theo chuyên đề ở 60% chi bộ thôn."), new(190, 100, "Hoàn thành; tổng kết tại hội nghị Ban Tuyên giáo tháng 3/2018.")],
            [new(60, 30, "Hướng dẫn chi bộ giám sát đảng viên nơi cư trú."), new(150, 70, "Kiểm tra 12 tổ chức đảng có dấu hiệu vi phạm."), new(280, 100, "Hoàn thành kế hoạch kiểm tra, giám sát năm.")],
            [new(90, 60, "Đưa tiêu chí dân vận khéo vào đánh giá chi bộ."), new(270, 100, "Hoàn thành; 46 mô hình dân vận khéo được biểu dương.")],
        ];
        string[] units = [DemoCodes.Old.District, DemoCodes.Old.Propaganda, DemoCodes.Old.Inspection, DemoCodes.Old.MassMobilisation];
        foreach (var (conclusion, i) in session.Conclusions.OrderBy(c => c.Order).Select((c, i) => (c, i)))
            db.Tasks.Add(DemoTasks.Track(world, session, conclusion, units[i], issuedAtUtc, reports[i]));
    }

    private const string Agenda = """
        1. Tuyên bố lý do, giới thiệu đại biểu.
        2. Huyện ủy Việt Yên báo cáo kết quả công tác xây dựng Đảng từ đầu nhiệm kỳ 2015–2020.
        3. Đảng viên, bí thư chi bộ phát biểu ý kiến, kiến nghị.
        4. Lãnh đạo Tỉnh ủy và Huyện ủy giải trình, tiếp thu.
        5. Đồng chí Phó Bí thư Thường trực Tỉnh ủy phát biểu kết luận.
        """;

    private const string InvitedGroups =
        "Lãnh đạo Văn phòng, Ban Tổ chức, Ban Tuyên giáo, Ban Dân vận và Ủy ban Kiểm tra Tỉnh ủy; " +
        "Thường trực và các đồng chí Ủy viên Ban Thường vụ Huyện ủy; lãnh đạo các ban xây dựng Đảng của Huyện ủy; " +
        "bí thư đảng ủy các xã, thị trấn và bí thư các tổ chức cơ sở đảng trực thuộc; " +
        "gần 100 bí thư chi bộ thôn, tổ dân phố.";

    private const string Minutes = """
        Thời gian: 08 giờ 00 ngày 08/9/2017. Địa điểm: Hội trường Huyện ủy Việt Yên.
        Chủ trì: đồng chí Thân Văn Khoa, Phó Bí thư Thường trực Tỉnh ủy, và đồng chí Nguyễn Văn Cảnh, Tỉnh ủy viên, Bí thư Huyện ủy, Chủ tịch HĐND huyện.
        Thư ký: đồng chí Nguyễn Thị Thanh Hà, chuyên viên Văn phòng Tỉnh ủy.
        Có mặt 132 đại biểu: lãnh đạo các cơ quan tham mưu của Tỉnh ủy, Thường trực và Ban Thường vụ Huyện ủy, bí thư đảng ủy các xã, thị trấn và gần 100 bí thư chi bộ thôn, tổ dân phố.

        1. Đồng chí Bí thư Huyện ủy báo cáo tóm tắt việc lãnh đạo công tác xây dựng Đảng của Đảng bộ huyện từ đầu nhiệm kỳ: những việc đã làm được, những hạn chế và nguyên nhân.

        2. Có 16 lượt ý kiến phát biểu (ghi đầy đủ trong danh sách ý kiến kèm theo biên bản). Các ý kiến xoay quanh chất lượng sinh hoạt chi bộ và vai trò nêu gương của bí thư chi bộ; việc triển khai văn bản của cấp trên; kinh nghiệm thực hiện Chỉ thị 05-CT/TW; bố trí, sắp xếp cán bộ cấp xã; khó khăn về nguồn kết nạp đảng viên ở nông thôn; phụ cấp cho người làm công tác đảng ở thôn; kiểm tra, giám sát và công tác dân vận.

        3. Đồng chí Phó Bí thư Thường trực Tỉnh ủy trả lời trực tiếp một số nội dung, trong đó có quy định về những điều đảng viên không được làm và việc phát hiện, bồi dưỡng quần chúng ưu tú từ các đoàn thể ở thôn. Các nội dung còn lại được tiếp thu và giao cơ quan tham mưu của Tỉnh ủy nghiên cứu, trả lời bằng văn bản.

        4. Đồng chí chủ trì kết luận hội nghị với bốn nhóm nhiệm vụ, có cơ quan chủ trì và thời hạn thực hiện (ghi tại phần kết luận).

        Hội nghị kết thúc lúc 11 giờ 30 cùng ngày. Biên bản được hoàn thiện sau hội nghị và gửi các đồng chí chủ trì.
        """;

    private static readonly (string Text, string Lead, DateOnly Due)[] Conclusions =
    [
        ("Các cấp ủy trong Đảng bộ huyện quán triệt và cụ thể hóa các chỉ thị, nghị quyết, đề án của Tỉnh ủy và Huyện ủy thành kế hoạch hành động sát với từng xã, thị trấn và chi bộ; định kỳ sơ kết, báo cáo kết quả với Ban Thường vụ Huyện ủy.",
            Old.District, new(2017, 12, 31)),
        ("Đẩy mạnh giáo dục chính trị, tư tưởng cho cán bộ, đảng viên và nhân dân; đổi mới nội dung sinh hoạt chi bộ để mỗi đảng viên hiểu rõ và thực hiện đúng chủ trương của Đảng.",
            Old.Propaganda, new(2018, 3, 31)),
        ("Tăng cường kiểm tra, giám sát và thi hành kỷ luật đảng; hướng dẫn chi bộ thôn giám sát đảng viên tại nơi cư trú, xử lý nghiêm, kịp thời các vi phạm.",
            Old.Inspection, new(2018, 6, 30)),
        ("Nâng cao chất lượng công tác dân vận của Đảng và chính quyền, lấy việc thực hiện Nghị quyết Trung ương 4 khóa XII về xây dựng, chỉnh đốn Đảng và Chỉ thị 05-CT/TW về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh làm trọng tâm.",
            Old.MassMobilisation, new(2018, 6, 30)),
    ];

    /// <summary>The 16 opinions, in the order they were raised.</summary>
    private static readonly DemoItem[] Items =
    [
        new(Speaker.Person("Lê Văn Thành"), Old.QuangChau, T.Leadership, ItemKind.Opinion, Urgency.Normal, Confidentiality.Public,
            "Đảng ủy xã đã phân công mỗi đồng chí đảng ủy viên phụ trách một thôn và dự sinh hoạt chi bộ hằng tháng, nhờ vậy nắm tình hình sát hơn. Tuy nhiên ở một số chi bộ, buổi sinh hoạt vẫn nặng về đọc văn bản, ít bàn việc cụ thể của thôn. Đề nghị Huyện ủy có hướng dẫn và tổ chức sinh hoạt mẫu để các chi bộ học cách làm.",
            new LeftClassified()),
        new(Speaker.Person("Đoàn Văn Mật"), Old.NoiNinh, T.Leadership, ItemKind.Opinion, Urgency.Normal, Confidentiality.Public,
            "Ở thôn Nội Ninh, việc gì khó như hiến đất làm đường hay dồn điền đổi thửa thì chi bộ bàn trước, bí thư và các chi ủy viên làm trước, vận động gia đình mình làm trước, sau đó bà con mới đồng tình theo. Bí thư chi bộ nói mà không làm thì không ai nghe. Đề nghị cấp trên quan tâm bồi dưỡng kỹ năng vận động quần chúng cho bí thư chi bộ thôn.",
            new AnsweredOnTheSpot(
                "Ghi nhận và biểu dương cách làm của Chi bộ thôn Nội Ninh; đây là kinh nghiệm nên nhân rộng. Nội dung kỹ năng vận động quần chúng đã có trong chương trình bồi dưỡng bí thư chi bộ hằng năm của Huyện ủy; đề nghị đồng chí tham gia và chia sẻ kinh nghiệm của thôn tại lớp học.",
                AnswerOutcome.Explained, ThenClosed: true)),
        new(Speaker.Person("Ngô Quang Vinh"), Old.TangTien, T.Directives, ItemKind.Recommendation, Urgency.Normal, Confidentiality.Public,
            "Cấp xã nhận nhiều văn bản chỉ đạo có nội dung gần giống nhau từ các cơ quan khác nhau, kèm theo nhiều loại báo cáo với thời hạn sát nhau, trong khi văn phòng Đảng ủy chỉ có một cán bộ. Đề nghị Tỉnh ủy rà soát, gộp các chế độ báo cáo và thống nhất mẫu biểu để cơ sở dành thời gian cho việc tổ chức thực hiện.",
            new AcceptedForLater("Tiếp thu; Văn phòng Tỉnh ủy tổng hợp cùng kiến nghị về chế độ báo cáo của các huyện khác trước khi giao xử lý.")),
        new(Speaker.Person("Trần Văn Lợi"), Old.DongTien, T.Directive05, ItemKind.Opinion, Urgency.Normal, Confidentiality.Public,
            "Chi bộ thôn Đông Tiến yêu cầu mỗi đảng viên đăng ký một việc làm cụ thể theo tấm gương của Bác, như giữ sạch đường làng hay giúp đỡ hộ khó khăn, và tự kiểm điểm việc thực hiện trong buổi sinh hoạt cuối quý. Cách làm này dễ kiểm tra và được nhân dân ghi nhận. Đề nghị tỉnh tổng hợp, giới thiệu các mô hình tương tự để các chi bộ tham khảo.",
            new AssignedTo(Old.Propaganda, [Old.DistrictPropaganda], new(2017, 11, 30),
                "Tổng hợp mô hình tiêu biểu về thực hiện Chỉ thị 05-CT/TW ở chi bộ thôn, giới thiệu trên bản tin sinh hoạt chi bộ.",
                [
                    new Started(2),
                    new Drafted(40, "Ban Tuyên giáo Tỉnh ủy đã tổng hợp 12 mô hình \"mỗi đảng viên một việc làm theo Bác\" ở chi bộ thôn, trong đó có mô hình của Chi bộ thôn Đông Tiến, và giới thiệu trên Bản tin sinh hoạt chi bộ số tháng 11/2017 để các chi bộ tham khảo.", AnswerOutcome.Resolved),
                    new ApprovedByLeader(43),
                    new PublishedToSubmitter(45),
                    new SubmitterConfirmed(60, true, "Chi bộ đã nhận bản tin và triển khai trong sinh hoạt tháng 12."),
                ])),
        new(Speaker.Person("Hoàng Thị Thu"), Old.VanTrung, T.Cadres, ItemKind.Recommendation, Urgency.High, Confidentiality.Internal,
            "Việc bố trí cán bộ chủ chốt ở xã còn chỗ thừa chỗ thiếu: có chức danh bố trí hai người, có bộ phận lại thiếu người có chuyên môn phù hợp; việc kiêm nhiệm giữa chức danh bên Đảng và bên chính quyền mỗi xã làm một kiểu. Đề nghị tỉnh sớm có hướng dẫn thống nhất về sắp xếp, kiêm nhiệm chức danh ở cấp xã để địa phương chủ động thực hiện.",
            new AssignedTo(Old.Organisation, [Old.DistrictOrganisation], new(2017, 12, 15),
                "Nghiên cứu, tham mưu hướng dẫn sắp xếp, kiêm nhiệm chức danh cán bộ cấp xã.",
                [
                    new Started(1),
                    new Progressed(30, "Đã làm việc với Ban Tổ chức Huyện ủy, tổng hợp thực trạng bố trí cán bộ ở 19 xã, thị trấn."),
                    new ExtensionAsked(80, new DateOnly(2018, 1, 31), "Chờ hướng dẫn của Trung ương về kiêm nhiệm chức danh để tham mưu thống nhất.", Granted: true, "Đồng ý gia hạn đến 31/01/2018."),
                    new Drafted(120, "Ban Tổ chức Tỉnh ủy đã tham mưu Ban Thường vụ Tỉnh ủy ban hành hướng dẫn bố trí, kiêm nhiệm chức danh cán bộ chủ chốt cấp xã; việc sắp xếp thực hiện theo lộ trình đến hết nhiệm kỳ 2015–2020.", AnswerOutcome.Scheduled, "Thực hiện theo lộ trình 2018–2020, sơ kết hằng năm."),
                    new ApprovedByLeader(123),
                    new PublishedToSubmitter(125),
                    new SubmitterConfirmed(140, true),
                ])),
        new(Speaker.Recorded("Thân Văn Lực, Bí thư Chi bộ thôn Thổ Hà, xã Vân Hà"), Old.District, T.Recruitment, ItemKind.Reflection, Urgency.High, Confidentiality.Public,
            "Thanh niên trong thôn phần lớn đi làm ở các khu công nghiệp hoặc làm ăn xa, ít người ở lại tham gia sinh hoạt đoàn thể, nên chi bộ rất khó tìm được quần chúng đủ điều kiện để giới thiệu kết nạp. Nhiều chi bộ có tuổi bình quân đảng viên trên 55, có nơi mấy năm liền không kết nạp được ai. Đề nghị có cơ chế phối hợp giữa chi bộ nơi cư trú và tổ chức đảng ở doanh nghiệp để theo dõi, bồi dưỡng người lao động trẻ.",
            new AssignedTo(Old.Organisation, [Old.MassMobilisation, Old.DistrictOrganisation], new(2017, 12, 15),
                "Nghiên cứu cơ chế phối hợp tạo nguồn kết nạp đảng viên giữa chi bộ nơi cư trú và tổ chức đảng trong doanh nghiệp.",
                [
                    new Started(1),
                    new Contributed(20, Old.MassMobilisation, "Ban Dân vận đề nghị giao chi đoàn, chi hội ở thôn lập danh sách đoàn viên, hội viên làm việc tại doanh nghiệp, gửi chi bộ theo dõi hằng quý."),
                    new Drafted(70, "Ban Tổ chức Tỉnh ủy đã hướng dẫn các huyện ủy xây dựng quy chế phối hợp giữa chi bộ nơi cư trú và tổ chức đảng trong doanh nghiệp để giới thiệu, bồi dưỡng quần chúng ưu tú; quy chế mẫu gửi kèm văn bản trả lời.", AnswerOutcome.Resolved),
                    new ApprovedByLeader(72),
                    new PublishedToSubmitter(74),
                    new SubmitterConfirmed(90, true),
                ])),
        new(Speaker.Person("Dương Văn Hải"), Old.DaoNgan, T.Allowances, ItemKind.Recommendation, Urgency.High, Confidentiality.Public,
            "Bí thư chi bộ thôn chỉ hưởng phụ cấp hằng tháng, không được đóng bảo hiểm xã hội; nhiều đồng chí làm hơn chục năm, khi thôi việc không có chế độ gì. Đề nghị tỉnh kiến nghị Trung ương cho những người hoạt động không chuyên trách ở thôn được tham gia bảo hiểm xã hội bắt buộc.",
            new AnsweredOnTheSpot(
                "Chế độ bảo hiểm xã hội với người hoạt động không chuyên trách ở thôn do Trung ương quy định, tỉnh chưa thể tự giải quyết. Tỉnh ủy ghi nhận và đưa vào báo cáo kiến nghị gửi các cơ quan Trung ương; trước mắt đề nghị các địa phương vận động các đồng chí tham gia bảo hiểm xã hội tự nguyện.",
                AnswerOutcome.CannotResolveNow)),
        new(Speaker.Person("Nguyễn Thị Hằng"), Old.QuangBieu, T.ResolutionTw4, ItemKind.Opinion, Urgency.Normal, Confidentiality.Public,
            "Trong chi bộ có đảng viên là chủ hộ kinh doanh, có người có con mở xưởng sản xuất, nên nhiều đồng chí còn băn khoăn không biết gia đình làm kinh tế đến mức nào thì phạm vào những điều đảng viên không được làm. Đề nghị giải thích rõ để chi bộ hướng dẫn đảng viên, tránh hiểu sai rồi e ngại phát triển kinh tế.",
            new AnsweredOnTheSpot(
                "Quy định về những điều đảng viên không được làm không cấm đảng viên và gia đình làm kinh tế hợp pháp. Điều bị nghiêm cấm là lợi dụng chức vụ, vị trí công tác để trục lợi, kinh doanh ngành nghề pháp luật cấm, trốn tránh nghĩa vụ với Nhà nước. Chi bộ cần phổ biến đầy đủ quy định và giám sát đảng viên thực hiện.",
                AnswerOutcome.Explained, ThenClosed: true)),
        new(Speaker.Person("Vũ Đình Khải"), Old.TrungDong, T.Recruitment, ItemKind.Proposal, Urgency.Normal, Confidentiality.Public,
            "Đề nghị các đoàn thể ở thôn, nhất là chi đoàn thanh niên và chi hội phụ nữ, định kỳ báo cáo với chi bộ về những đoàn viên, hội viên tích cực, để chi bộ có danh sách theo dõi, giao việc thử thách và bồi dưỡng từ sớm.",
            new AnsweredOnTheSpot(
                "Đây là cách làm đúng. Cấp ủy cơ sở giao chi bộ trực tiếp theo dõi các đoàn viên, hội viên sinh hoạt ở đoàn thể thôn, lập danh sách quần chúng ưu tú và phân công đảng viên giúp đỡ; các đoàn thể có trách nhiệm giới thiệu người tốt để chi bộ bồi dưỡng, xem xét kết nạp.",
                AnswerOutcome.Explained, ThenClosed: true)),
        new(Speaker.Person("Nguyễn Văn Tuấn"), Old.NinhSon, T.Cadres, ItemKind.Recommendation, Urgency.Normal, Confidentiality.Public,
            "Nhiều cán bộ xã sắp đến tuổi nghỉ hưu nhưng nguồn kế cận tại chỗ còn mỏng; sinh viên tốt nghiệp về địa phương thì chưa có cơ chế thu hút, sử dụng. Đề nghị tỉnh có chính sách tạo nguồn cán bộ trẻ cho cấp xã và hỗ trợ kinh phí đào tạo cho cán bộ trong quy hoạch.",
            new AssignedTo(Old.Organisation, [Old.DistrictOrganisation], new(2017, 11, 15),
                "Rà soát chính sách thu hút, tạo nguồn cán bộ trẻ cho cấp xã; đề xuất hỗ trợ đào tạo cán bộ trong quy hoạch.",
                [
                    new Started(1),
                    new Drafted(55, "Chính sách thu hút sinh viên tốt nghiệp về công tác ở xã cần có nguồn kinh phí và cơ chế biên chế do Trung ương quy định; tỉnh đã đưa nội dung này vào kiến nghị gửi Ban Tổ chức Trung ương và sẽ thông báo khi có hướng dẫn.", AnswerOutcome.CannotResolveNow, "Phụ thuộc quy định của Trung ương về biên chế và chế độ với cán bộ cấp xã."),
                    new ApprovedByLeader(58),
                    new PublishedToSubmitter(60),
                    new SubmitterConfirmed(75, true, "Đồng ý, đề nghị tiếp tục theo dõi kiến nghị với Trung ương."),
                ])),
        new(Speaker.Person("Phạm Văn Toàn"), Old.TienSon, T.Inspection, ItemKind.Recommendation, Urgency.Normal, Confidentiality.Internal,
            "Chi bộ thôn được giao kiểm tra, giám sát đảng viên nhưng bí thư chi bộ chưa được tập huấn nghiệp vụ, nhất là cách giám sát đảng viên công tác nơi khác về sinh hoạt tại nơi cư trú. Đề nghị biên soạn tài liệu ngắn gọn, dễ áp dụng và mở lớp tập huấn cho bí thư chi bộ.",
            new AssignedTo(Old.Inspection, [Old.District], new(2017, 10, 31),
                "Biên soạn tài liệu hướng dẫn nghiệp vụ kiểm tra, giám sát cho chi bộ thôn; phối hợp Huyện ủy mở lớp tập huấn.",
                [
                    new Started(1),
                    new Drafted(35, "Ủy ban Kiểm tra Tỉnh ủy đã biên soạn sổ tay nghiệp vụ kiểm tra, giám sát dành cho chi bộ và phối hợp Huyện ủy Việt Yên mở lớp tập huấn cho bí thư chi bộ ngày 20/10/2017.", AnswerOutcome.Resolved),
                    new ApprovedByLeader(37),
                    new PublishedToSubmitter(38),
                    new SubmitterConfirmed(50, true),
                ])),
        new(Speaker.Recorded("Nguyễn Văn Chiến, Bí thư Chi bộ thôn Đình Trám, xã Hồng Thái"), Old.District, T.MassMobilisation, ItemKind.Proposal, Urgency.Normal, Confidentiality.Public,
            "Quanh các khu công nghiệp, người dân hay có ý kiến về bụi, nước thải và tiền đền bù giải phóng mặt bằng. Đề nghị duy trì việc lãnh đạo xã và chi bộ gặp gỡ, đối thoại với nhân dân định kỳ, có cả đại diện doanh nghiệp, để giải quyết vướng mắc từ sớm, không để bức xúc kéo dài.",
            new AssignedTo(Old.MassMobilisation, [Old.District], new(2017, 12, 29),
                "Tham mưu nhân rộng hình thức đối thoại định kỳ ở cơ sở gắn với phong trào thi đua Dân vận khéo.",
                [
                    new Started(2),
                    new Drafted(90, "Ban Dân vận Tỉnh ủy đã tham mưu đưa việc đối thoại định kỳ giữa cấp ủy, chính quyền xã với nhân dân và doanh nghiệp vào tiêu chí thi đua Dân vận khéo năm 2018.", AnswerOutcome.Explained),
                    new ApprovedByLeader(93),
                    new PublishedToSubmitter(95),
                    new SubmitterConfirmed(110, true),
                ])),
        new(Speaker.Recorded("Trần Thị Mai, Phó Bí thư Thường trực Đảng ủy thị trấn Nếnh"), Old.District, T.Allowances, ItemKind.Recommendation, Urgency.High, Confidentiality.Public,
            "Mức phụ cấp của bí thư chi bộ tổ dân phố chưa tương xứng với khối lượng công việc, nhất là ở nơi đông dân và nhiều lao động nhập cư. Đề nghị tỉnh nghiên cứu, trong phạm vi thẩm quyền, điều chỉnh mức phụ cấp và bố trí kinh phí hoạt động cho chi bộ để người làm công tác đảng ở cơ sở yên tâm gắn bó.",
            new AssignedTo(Old.Organisation, [Old.Office], new(2017, 12, 20),
                "Rà soát mức phụ cấp, kinh phí hoạt động của chi bộ thôn, tổ dân phố; đề xuất điều chỉnh trong thẩm quyền của tỉnh.",
                [
                    new Started(1),
                    new Contributed(15, Old.Office, "Văn phòng Tỉnh ủy cung cấp số liệu kinh phí hoạt động của chi bộ thôn năm 2017 theo từng huyện."),
                    new Drafted(85, "Tỉnh đã trình Hội đồng nhân dân tỉnh nâng mức kinh phí hoạt động của chi bộ thôn, tổ dân phố từ năm 2018; mức phụ cấp của bí thư chi bộ sẽ được điều chỉnh khi Chính phủ ban hành quy định mới về người hoạt động không chuyên trách.", AnswerOutcome.Scheduled, "Kinh phí hoạt động tăng từ 01/01/2018; phụ cấp chờ quy định của Chính phủ."),
                    new ApprovedByLeader(88),
                    new PublishedToSubmitter(90),
                ])),
        // Restricted: it points at identifiable members while the matter is still being looked into.
        new(Speaker.Recorded("Lưu Văn Kiên, Phó Bí thư Đảng ủy xã Vân Trung"), Old.VanTrung, T.Inspection, ItemKind.Reflection, Urgency.Urgent, Confidentiality.Restricted,
            "Ở một thôn trong xã có một số hộ gia đình đảng viên xây dựng công trình trên đất nông nghiệp chưa được chuyển mục đích sử dụng; nhân dân đã có ý kiến nhưng chi bộ còn nể nang, chưa kiểm điểm. Đề nghị hướng dẫn Đảng ủy xã trình tự xem xét, xử lý để giữ nghiêm kỷ luật đảng.",
            new AssignedTo(Old.Inspection, [], new(2017, 10, 20),
                "Hướng dẫn Đảng ủy xã xem xét, xử lý theo thẩm quyền; báo cáo kết quả với Thường trực Tỉnh ủy.",
                [
                    new Started(0.5),
                    new Drafted(20, "Đã hướng dẫn Đảng ủy xã kiểm tra khi có dấu hiệu vi phạm.", AnswerOutcome.Resolved),
                    new SentBack(22, "Cần nêu rõ kết quả kiểm tra và hình thức xử lý đối với từng trường hợp."),
                    new Drafted(35, "Ủy ban Kiểm tra Tỉnh ủy đã hướng dẫn Đảng ủy xã kiểm tra khi có dấu hiệu vi phạm; Đảng ủy xã đã kiểm điểm, xử lý kỷ luật các đảng viên vi phạm và yêu cầu khắc phục công trình theo quy định.", AnswerOutcome.Resolved),
                    new ApprovedByLeader(36),
                    new PublishedToSubmitter(37),
                    new SubmitterConfirmed(45, true),
                ])),
        new(Speaker.Recorded("Đỗ Thị Huệ, Trưởng Ban Tuyên giáo Huyện ủy Việt Yên"), Old.DistrictPropaganda, T.ResolutionTw4, ItemKind.Recommendation, Urgency.Normal, Confidentiality.Public,
            "Khi kiểm điểm theo Nghị quyết Trung ương 4 khóa XII, nhiều chi bộ ở nông thôn còn lúng túng trong việc nhận diện biểu hiện suy thoái, tự diễn biến, tự chuyển hóa, nên phần tự phê bình còn chung chung. Đề nghị có tài liệu hướng dẫn kèm ví dụ gần với đời sống ở thôn, xã để chi bộ đối chiếu.",
            new LeftClassified()),
        new(Speaker.Recorded("Hoàng Văn Tư, đảng viên Chi bộ thôn Tiến Sơn, xã Tăng Tiến"), Old.TienSon, T.MassMobilisation, ItemKind.Opinion, Urgency.Normal, Confidentiality.Public,
            "Tổ hòa giải ở thôn hoạt động tốt thì nhiều mâu thuẫn trong dân được giải quyết ngay từ đầu. Đề nghị quan tâm bồi dưỡng cho tổ viên tổ hòa giải, trong đó có nhiều đảng viên, về kiến thức pháp luật và cách trao đổi với nhân dân.",
            new LeftReceived()),
    ];
}
