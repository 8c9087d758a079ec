using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Sessions;
using static DoiThoai.Web.Features.Demo.DemoCodes;
using T = DoiThoai.Web.Features.Demo.DemoCodes.Topics;

namespace DoiThoai.Web.Features.Demo;

/// <summary>
/// Sessions after the 2025 reform, so the demo shows the same people and places on both sides of it:
/// a ward session held in October 2026 (Đoàn Văn Mật speaks again, now for the Nội Ninh branch under
/// the ward), and a provincial session of Tỉnh ủy Bắc Ninh that is still collecting opinions.
/// </summary>
internal static class DemoSessions2026
{
    private const string Hieu = "Thân Đức Hiếu";
    private const string Phuong = "Nguyễn Thu Phương";

    private static DateTime At(DateOnly day, int hour, int minute) =>
        VietnamTime.ToUtc(day.ToDateTime(new TimeOnly(hour, minute)));

    private static DateTime At(int month, int day, int hour, int minute) => At(new DateOnly(2026, month, day), hour, minute);

    public static void Add(AppDbContext db, DemoWorld world, DateTime nowUtc)
    {
        db.Sessions.Add(WardSession(db, world));
        db.Sessions.Add(UpcomingProvincialSession(world, nowUtc));
    }

    private static DialogueSession WardSession(AppDbContext db, DemoWorld world)
    {
        var office = world.ActorFor(Phuong);
        var leader = world.ActorFor(Hieu);

        var session = DialogueSession.Plan(new SessionDetails(
            "Hội nghị tiếp xúc, đối thoại giữa Bí thư Đảng ủy phường Nếnh với đảng viên các chi bộ thôn, tổ dân phố năm 2026",
            world.UnitId(New.Nenh),
            null, // the ward's own members: the host is also the participant
            world.TermId(New.Nenh, "2025–2030"),
            At(10, 16, 8, 0),
            "Hội trường Đảng ủy phường Nếnh",
            """
            1. Tuyên bố lý do, giới thiệu đại biểu.
            2. Báo cáo tình hình hoạt động của các chi bộ sau sắp xếp đơn vị hành chính.
            3. Đảng viên phát biểu ý kiến, kiến nghị.
            4. Bí thư Đảng ủy phường giải trình, tiếp thu và kết luận.
            """,
            "Ban Thường vụ Đảng ủy phường; bí thư, phó bí thư các chi bộ trực thuộc; đại diện Ủy ban Mặt trận Tổ quốc và các đoàn thể phường; đại diện đảng viên các thôn, tổ dân phố.",
            $"{Phuong}, chuyên viên Văn phòng Đảng ủy phường",
            [new ChairDetails(world.Person(Hieu).Id, "Bí thư Đảng ủy phường Nếnh")]), office, At(9, 21, 9, 0));
        session.Announce(office, At(9, 25, 14, 0), "Gửi thông báo đến các chi bộ trực thuộc.");
        session.OpenCollection(office, At(9, 28, 8, 0), "Nhận ý kiến gửi trước qua chi bộ và qua hệ thống đến hết ngày 10/10/2026.");

        var items = new DemoItemRun(world, session, WardItems);
        // Đoàn Văn Mật sends his opinion ahead of the session through his own account.
        items.Raise(1, world.ActorFor(world.Accounts[DemoAccounts.MemberUserName]), At(10, 5, 19, 30), TimeSpan.Zero);
        items.Classify(office, TimeSpan.FromHours(13.5));

        session.Hold(74, "Đại diện các chi bộ thôn, tổ dân phố của phường, trong đó có các chi bộ chuyển về từ xã Ninh Sơn và xã Quang Châu cũ.", office, At(10, 16, 8, 0));
        items.Raise(WardItems.Length - 1, office, At(10, 16, 8, 40), TimeSpan.FromMinutes(7));
        items.Classify(office, TimeSpan.FromMinutes(2));
        items.Respond(leader, "Thân Đức Hiếu, Bí thư Đảng ủy phường", At(10, 16, 10, 0), TimeSpan.FromMinutes(5));

        session.CompleteMinutes("""
            Thời gian: 08 giờ 00 ngày 16/10/2026. Địa điểm: Hội trường Đảng ủy phường Nếnh.
            Chủ trì: đồng chí Thân Đức Hiếu, Bí thư Đảng ủy phường. Thư ký: đồng chí Nguyễn Thu Phương, Văn phòng Đảng ủy phường.
            Có mặt 74 đại biểu đại diện các chi bộ trực thuộc.

            Hội nghị nghe báo cáo tình hình hoạt động của các chi bộ sau hơn một năm sắp xếp đơn vị hành chính. Có 5 ý kiến (một ý kiến gửi trước hội nghị), tập trung vào thủ tục chuyển sinh hoạt đảng, phụ cấp của bí thư chi bộ thôn sau sáp nhập, nguồn kết nạp đảng viên trong công nhân các khu công nghiệp và ô nhiễm do xe chở vật liệu.

            Đồng chí Bí thư Đảng ủy phường trả lời trực tiếp các ý kiến thuộc thẩm quyền của phường, tiếp thu hai kiến nghị để giao cơ quan tham mưu xử lý; một ý kiến về tranh chấp đất đai giữa hai hộ gia đình được trả lại và hướng dẫn gửi đến Ủy ban nhân dân phường theo trình tự pháp luật.
            """, office, At(10, 19, 15, 0));
        session.AddConclusion(
            "Văn phòng Đảng ủy phối hợp với các chi bộ hoàn tất việc chuyển sinh hoạt đảng và cập nhật hồ sơ đảng viên sau sắp xếp, bảo đảm không đảng viên nào bị gián đoạn sinh hoạt.",
            world.UnitId(New.NenhOffice), new DateOnly(2026, 12, 31), leader, At(10, 20, 9, 0));
        session.AddConclusion(
            "Ban Xây dựng Đảng tham mưu kế hoạch tạo nguồn, phát triển đảng viên trong công nhân và thanh niên ở các thôn, tổ dân phố có khu công nghiệp.",
            world.UnitId(New.NenhPartyBuilding), new DateOnly(2027, 3, 31), leader, At(10, 20, 9, 10));
        session.IssueConclusions(leader, At(10, 21, 10, 0));
        session.StartFollowUp(office, At(10, 22, 8, 0));
        items.FollowUp(office, leader, At(10, 22, 8, 30), TimeSpan.FromMinutes(10));

        // The two directions under way: the first split into sub-tasks, whose progress makes up its own.
        var conclusions = session.Conclusions.OrderBy(c => c.Order).ToList();
        var records = DemoTasks.Track(world, session, conclusions[0], New.NenhOffice, At(10, 21, 10, 0));
        DemoTasks.Sub(world, records, "Hoàn tất chuyển sinh hoạt đảng cho đảng viên các chi bộ chuyển về từ xã Ninh Sơn, Quang Châu cũ", New.NenhOffice,
            new DateOnly(2026, 11, 30), new Report(10, 50, "Đã chuyển xong cho 6/12 chi bộ."), new Report(30, 100, "Hoàn thành 12/12 chi bộ."));
        DemoTasks.Sub(world, records, "Cập nhật hồ sơ đảng viên trên phần mềm quản lý cơ sở dữ liệu đảng viên", New.NenhOffice,
            new DateOnly(2026, 12, 31), new Report(20, 30, "Đã cập nhật 210/700 hồ sơ."));
        db.Tasks.Add(records);
        db.Tasks.Add(DemoTasks.Track(world, session, conclusions[1], New.NenhPartyBuilding, At(10, 21, 10, 0),
            new Report(14, 20, "Đã khảo sát số công nhân trẻ ở 3 thôn giáp khu công nghiệp.")));
        return session;
    }

    private static readonly DemoItem[] WardItems =
    [
        new(Speaker.Person("Đoàn Văn Mật"), New.NoiNinh, T.Cadres, ItemKind.Recommendation, Urgency.Normal, Confidentiality.Public,
            "Sau khi chi bộ thôn Nội Ninh chuyển về trực thuộc Đảng ủy phường, nhiều đảng viên cao tuổi chưa quen thủ tục chuyển sinh hoạt và cập nhật hồ sơ, phải đi lại nhiều lần. Đề nghị Văn phòng Đảng ủy phường cử cán bộ về nhà văn hóa thôn hướng dẫn và nhận hồ sơ tại chỗ.",
            new AnsweredOnTheSpot(
                "Văn phòng Đảng ủy phường sẽ cử cán bộ về nhà văn hóa các thôn vào sáng thứ Bảy hằng tuần trong tháng 11/2026 để hướng dẫn và nhận hồ sơ tại chỗ; đảng viên không đi lại được thì chi bộ báo để cán bộ đến tận nhà.",
                AnswerOutcome.Resolved),
            RaisedStage.BeforeSession),
        new(Speaker.Person("Lê Thị Nga"), New.QuangBieu, T.Allowances, ItemKind.Recommendation, Urgency.High, Confidentiality.Public,
            "Sau khi sáp nhập thôn, số hộ và số đảng viên của chi bộ tăng gần gấp đôi nhưng phụ cấp của bí thư chi bộ vẫn giữ mức cũ. Đề nghị Đảng ủy phường kiến nghị tỉnh điều chỉnh phụ cấp theo quy mô thôn, tổ dân phố.",
            new AssignedTo(New.NenhPartyBuilding, [New.NenhOffice], new(2026, 11, 20),
                "Tổng hợp số liệu quy mô thôn, tổ dân phố sau sáp nhập; dự thảo văn bản kiến nghị Tỉnh ủy.",
                [
                    new Started(1),
                    new Progressed(12, "Đã tổng hợp số hộ, số đảng viên của 14 thôn, tổ dân phố sau sáp nhập."),
                    new ExtensionAsked(26, new DateOnly(2026, 12, 15), "Chờ Sở Nội vụ cung cấp khung phụ cấp mới để đối chiếu.", Granted: true, "Đồng ý gia hạn đến 15/12/2026."),
                ])),
        new(Speaker.Person("Đặng Văn Hòa"), New.DaoNgan, T.Recruitment, ItemKind.Proposal, Urgency.Normal, Confidentiality.Public,
            "Trên địa bàn có nhiều công nhân trẻ thuê trọ, làm việc ở khu công nghiệp, trong đó có người từng là đoàn viên ưu tú ở quê. Đề nghị phường phối hợp với tổ chức đảng ở các doanh nghiệp để nắm danh sách, giới thiệu họ sinh hoạt cùng chi đoàn thôn và bồi dưỡng làm nguồn kết nạp.",
            new AssignedTo(New.NenhPartyBuilding, [New.DaoNgan], new(2026, 12, 4),
                "Xây dựng quy chế phối hợp với tổ chức đảng trong doanh nghiệp về tạo nguồn kết nạp đảng viên.",
                [
                    new Started(1),
                    new Contributed(10, New.DaoNgan, "Chi bộ thôn Đạo Ngạn đã lập danh sách 23 công nhân trẻ thuê trọ trên địa bàn, trong đó 6 người từng là đoàn viên ưu tú."),
                    new Drafted(20, "Đảng ủy phường đã ban hành quy chế phối hợp với các chi bộ doanh nghiệp trong khu công nghiệp: doanh nghiệp giới thiệu người lao động tiêu biểu, chi bộ thôn nơi cư trú theo dõi, bồi dưỡng và đề nghị kết nạp.", AnswerOutcome.Resolved),
                    new ApprovedByLeader(25),
                ])),
        new(Speaker.Recorded("Nguyễn Văn Bình, đảng viên Chi bộ thôn Đông Tiến"), New.DongTien, T.MassMobilisation, ItemKind.Reflection, Urgency.High, Confidentiality.Internal,
            "Xe chở vật liệu ra vào công trường cạnh thôn chạy suốt ngày đêm, đường bụi và hư hỏng, nhân dân bức xúc. Đề nghị Đảng ủy phường chỉ đạo chính quyền làm việc với chủ đầu tư để có biện pháp khắc phục.",
            new AnsweredOnTheSpot(
                "Đảng ủy phường giao Ủy ban nhân dân phường làm việc với chủ đầu tư trong tháng 11/2026, yêu cầu tưới nước, che chắn xe và sửa đường; kết quả sẽ thông báo tại buổi sinh hoạt chi bộ tháng 12.",
                AnswerOutcome.Scheduled)),
        new(Speaker.Recorded("Trần Văn Quý, đảng viên Chi bộ thôn Nội Ninh"), New.NoiNinh, T.MassMobilisation, ItemKind.Reflection, Urgency.Normal, Confidentiality.Internal,
            "Gia đình tôi và hộ liền kề tranh chấp ranh giới đất ở đã lâu, hòa giải ở thôn không thành. Đề nghị Đảng ủy phường can thiệp giải quyết.",
            new ReturnedAsOutOfScope(
                "Tranh chấp đất đai giữa các hộ gia đình thuộc thẩm quyền giải quyết của chính quyền theo pháp luật về đất đai; đã hướng dẫn đồng chí gửi đơn đến Ủy ban nhân dân phường.")),
    ];

    /// <summary>
    /// The one forward-looking session has to stay in the future whenever the demo is loaded, so its
    /// dates come from the clock: the later of 18/12/2026 and three weeks from today, on a weekday.
    /// </summary>
    private static DialogueSession UpcomingProvincialSession(DemoWorld world, DateTime nowUtc)
    {
        var today = VietnamTime.Today(nowUtc);
        var office = world.ActorFor(world.Accounts[DemoAccounts.OfficeUserName]);
        var leader = world.Person("Trịnh Quốc Bảo");

        var session = DialogueSession.Plan(new SessionDetails(
            "Hội nghị tiếp xúc, đối thoại giữa Phó Bí thư Tỉnh ủy với đảng viên Đảng bộ phường Việt Yên",
            world.UnitId(New.Province),
            world.UnitId(New.VietYen),
            world.TermId(New.Province, "2025–2030"),
            At(UpcomingDay(today), 8, 0),
            "Hội trường Đảng ủy phường Việt Yên",
            """
            1. Tuyên bố lý do, giới thiệu đại biểu.
            2. Đảng ủy phường Việt Yên báo cáo công tác xây dựng Đảng năm 2026.
            3. Đảng viên, bí thư chi bộ phát biểu ý kiến, kiến nghị.
            4. Lãnh đạo Tỉnh ủy giải trình, tiếp thu và kết luận.
            """,
            "Lãnh đạo Văn phòng, Ban Tổ chức, Ban Tuyên giáo và Dân vận, Ban Nội chính và Ủy ban Kiểm tra Tỉnh ủy; Ban Thường vụ Đảng ủy phường Việt Yên; bí thư các chi bộ trực thuộc.",
            "Phạm Thị Thu Trang, chuyên viên Văn phòng Tỉnh ủy",
            [
                new ChairDetails(leader.Id, "Phó Bí thư Tỉnh ủy"),
                new ChairDetails(world.Person("Nguyễn Đức Thịnh").Id, "Bí thư Đảng ủy phường Việt Yên"),
            ]), office, At(today.AddDays(-10), 9, 0));
        session.Announce(office, At(today.AddDays(-8), 14, 0), "Gửi giấy mời đến Đảng ủy phường Việt Yên và các cơ quan tham mưu của Tỉnh ủy.");
        session.OpenCollection(office, At(today.AddDays(-7), 8, 0), "Các chi bộ gửi ý kiến trước hội nghị qua Văn phòng Tỉnh ủy.");

        // Opinions sent ahead are assigned at once so the advisory bodies can prepare answers before the
        // session: the handler's inbox shows work due soon, overdue, waiting for an extension and a draft.
        var script = UpcomingItems(today);
        var items = new DemoItemRun(world, session, script);
        items.Raise(script.Length, office, At(today.AddDays(-7), 9, 0), TimeSpan.FromHours(3));
        items.Classify(office, TimeSpan.FromHours(2));
        items.FollowUp(office, world.ActorFor(world.Accounts[DemoAccounts.LeaderUserName]), At(today.AddDays(-5), 8, 30), TimeSpan.FromMinutes(10));
        return session;
    }

    private static DateOnly UpcomingDay(DateOnly today)
    {
        var day = new DateOnly(2026, 12, 18);
        if (day < today.AddDays(21)) day = today.AddDays(21);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) day = day.AddDays(1);
        return day;
    }

    private static DemoItem[] UpcomingItems(DateOnly today) =>
    [
        new(Speaker.Person("Vũ Thị Yến"), New.TrungDong, T.Cadres, ItemKind.Recommendation, Urgency.Normal, Confidentiality.Public,
            "Sau khi sáp nhập thôn, chi bộ có hơn 120 đảng viên, sinh hoạt chung rất khó bố trí địa điểm và thời gian, nhiều đảng viên ít có dịp phát biểu. Đề nghị hướng dẫn việc chia tổ đảng hoặc tách chi bộ để sinh hoạt có chất lượng.",
            new AssignedTo(New.Organisation, [New.VietYen], today.AddDays(3),
                "Nghiên cứu hướng dẫn chia tổ đảng, tách chi bộ ở thôn có đông đảng viên sau sáp nhập.",
                [
                    new Started(0.5),
                    new Progressed(2, "Đã đề nghị Đảng ủy phường Việt Yên báo cáo số chi bộ có trên 100 đảng viên."),
                ]),
            RaisedStage.BeforeSession),
        new(Speaker.Recorded("Phan Văn Sơn, Bí thư Chi bộ tổ dân phố Bích Sơn"), New.VietYen, T.Cadres, ItemKind.Recommendation, Urgency.High, Confidentiality.Public,
            "Nhiều bí thư chi bộ mới được bầu sau sáp nhập chưa qua lớp bồi dưỡng nghiệp vụ công tác đảng. Đề nghị Ban Tổ chức Tỉnh ủy sớm mở lớp tập huấn ngắn ngày tại phường.",
            new AssignedTo(New.Organisation, [], today.AddDays(-2),
                "Lập kế hoạch bồi dưỡng nghiệp vụ cho bí thư chi bộ mới."),
            RaisedStage.BeforeSession),
        new(Speaker.Recorded("Đỗ Minh Tâm, đảng viên Chi bộ thôn Trung Đồng"), New.TrungDong, T.MassMobilisation, ItemKind.Proposal, Urgency.Normal, Confidentiality.Internal,
            "Đề nghị đưa nội dung tuyên truyền về sắp xếp đơn vị hành chính vào sinh hoạt chi bộ để đảng viên giải thích được cho nhân dân những thay đổi về thủ tục.",
            new AssignedTo(New.Organisation, [New.PropagandaMassMobilisation], today.AddDays(10),
                "Phối hợp chuẩn bị tài liệu sinh hoạt chi bộ về sắp xếp đơn vị hành chính.",
                [
                    new Started(0.5),
                    new Contributed(1, New.PropagandaMassMobilisation, "Ban Tuyên giáo và Dân vận đã có đề cương tuyên truyền, đề nghị Ban Tổ chức bổ sung phần thủ tục chuyển sinh hoạt đảng."),
                    new ExtensionAsked(2, today.AddDays(30), "Chờ hướng dẫn mới của Ban Tổ chức Trung ương về thủ tục chuyển sinh hoạt đảng.", Granted: null),
                ]),
            RaisedStage.BeforeSession),
        new(Speaker.Recorded("Lê Văn Hùng, Bí thư Chi bộ thôn Tiến Sơn"), New.TienSon, T.Recruitment, ItemKind.Recommendation, Urgency.Normal, Confidentiality.Public,
            "Đề nghị hướng dẫn việc kết nạp đảng viên là người lao động đang làm việc ở doanh nghiệp ngoài tỉnh nhưng cư trú tại thôn.",
            new AssignedTo(New.Organisation, [], today.AddDays(12),
                "Trả lời về thủ tục kết nạp đảng viên là người lao động làm việc ngoài tỉnh.",
                [
                    new Started(0.3),
                    new Drafted(3, "Người lao động làm việc ngoài tỉnh, cư trú tại thôn, được chi bộ nơi cư trú xem xét kết nạp khi có nhận xét của tổ chức đảng hoặc đoàn thể nơi làm việc; Ban Tổ chức Tỉnh ủy sẽ ban hành hướng dẫn chi tiết trong quý I/2027.", AnswerOutcome.Scheduled, "Ban hành hướng dẫn trong quý I/2027."),
                ]),
            RaisedStage.BeforeSession),
        new(Speaker.Recorded("Nguyễn Văn Dũng, Bí thư Chi bộ thôn Tiến Sơn"), New.TienSon, T.Leadership, ItemKind.Reflection, Urgency.Normal, Confidentiality.Public,
            "Nhân dân phản ánh thủ tục cấp giấy chứng nhận quyền sử dụng đất sau sáp nhập phải đi lại nhiều lần giữa phường và trung tâm phục vụ hành chính công. Đề nghị Tỉnh ủy chỉ đạo rà soát, công khai thời hạn giải quyết từng bước.",
            new LeftReceived(), RaisedStage.BeforeSession),
    ];
}
