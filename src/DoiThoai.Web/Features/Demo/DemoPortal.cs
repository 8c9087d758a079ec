using DoiThoai.Web.Features.Portal;
using DoiThoai.Web.Features.Sessions;
using SkiaSharp;
using static DoiThoai.Web.Features.Demo.DemoCodes;

namespace DoiThoai.Web.Features.Demo;

/// <summary>
/// The portal's demo content: the published article about the 08/09/2017 Việt Yên session (written
/// here in our own words from the facts of the record) with three captioned pictures drawn by
/// SkiaSharp — simple shapes, no photographs — and a few other articles in three categories.
/// </summary>
internal static class DemoPortal
{
    private static DateTime At(int year, int month, int day, int hour, int minute) =>
        VietnamTime.ToUtc(new DateTime(year, month, day, hour, minute, 0));

    public static async Task AddAsync(AppDbContext db, DemoWorld world, PhotoStore photos, DateTime nowUtc)
    {
        var editor = world.ActorFor(world.Accounts[DemoAccounts.EditorUserName]);
        var unit = world.UnitId(New.Province);
        var sessionStart = At(2017, 9, 8, 0, 0);
        var session = await db.Sessions.Where(s => s.StartsAtUtc >= sessionStart && s.StartsAtUtc < sessionStart.AddDays(1) && s.HostUnitId == world.UnitId(Old.Province))
            .Select(s => (int?)s.Id).SingleOrDefaultAsync();

        var vietYen = Published(db, editor, unit, session, At(2017, 9, 8, 17, 30),
            categoryId: 2, featured: true,
            title: "Phó Bí thư Thường trực Tỉnh ủy đối thoại với đảng viên huyện Việt Yên",
            lead: "Sáng 08/9/2017, tại Hội trường Huyện ủy Việt Yên, đồng chí Thân Văn Khoa, Phó Bí thư Thường trực Tỉnh ủy, cùng đồng chí Nguyễn Văn Cảnh, Bí thư Huyện ủy, Chủ tịch HĐND huyện, đã nghe và trả lời ý kiến của đảng viên, bí thư chi bộ trong huyện.",
            body: """
                Tham dự có lãnh đạo Văn phòng Tỉnh ủy, các ban Tổ chức, Tuyên giáo, Dân vận và Ủy ban Kiểm tra Tỉnh ủy; Ban Thường vụ Huyện ủy; bí thư đảng ủy các xã, thị trấn và gần một trăm bí thư chi bộ thôn, tổ dân phố.

                ## Những vấn đề đảng viên quan tâm

                Sau phần báo cáo của Huyện ủy về công tác xây dựng Đảng, 16 lượt ý kiến đã được nêu. Các ý kiến xoay quanh vai trò lãnh đạo của cấp ủy cơ sở, việc triển khai nghị quyết, chỉ thị của cấp trên, thực hiện Chỉ thị 05 về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh, công tác cán bộ, tổ chức, Nghị quyết Trung ương 4 khóa XII, kiểm tra, giám sát và dân vận.

                Nhiều bí thư chi bộ phản ánh khó khăn trong sắp xếp cán bộ cấp xã, tuổi bình quân đảng viên ở nông thôn ngày càng cao vì khó kết nạp đảng viên mới, và mức phụ cấp còn thấp đối với người làm công tác đảng ở cơ sở. Đồng chí Đoàn Văn Mật, Bí thư Chi bộ thôn Nội Ninh, xã Ninh Sơn, là một trong những người phát biểu.

                ## Giải trình và chỉ đạo

                Đồng chí Phó Bí thư Thường trực ghi nhận các ý kiến, giải thích những quy định về điều đảng viên không được làm, và gợi ý tập hợp đoàn viên thanh niên làm nguồn phát triển đảng viên. Đồng chí đề nghị Huyện ủy:

                - tổ chức thực hiện tốt nghị quyết của Tỉnh ủy và Huyện ủy;
                - làm tốt công tác giáo dục chính trị, tư tưởng;
                - tăng cường kiểm tra, giám sát và giữ nghiêm kỷ luật Đảng;
                - đẩy mạnh công tác dân vận, gắn với Nghị quyết Trung ương 4 và Chỉ thị 05.

                Câu trả lời cho từng kiến nghị được công khai tại trang [Công khai trả lời kiến nghị](/Portal/Transparency).
                """,
            author: "Danh Thắng");
        AddPhoto(vietYen, photos, Hall, "Hội trường với hàng ghế đại biểu hướng lên sân khấu có phông đỏ", "Toàn cảnh hội nghị tại Hội trường Huyện ủy Việt Yên", editor, At(2017, 9, 8, 17, 0));
        AddPhoto(vietYen, photos, Speaker, "Người phát biểu đứng tại bục, phía sau là cờ Đảng", "Đảng viên phát biểu ý kiến tại hội nghị", editor, At(2017, 9, 8, 17, 5));
        AddPhoto(vietYen, photos, Table, "Bàn chủ tọa với ba người ngồi, trên bàn có hoa", "Đoàn chủ tọa nghe và giải trình các kiến nghị", editor, At(2017, 9, 8, 17, 10));

        var recent = nowUtc.AddDays(-3);
        Published(db, editor, unit, null, recent, categoryId: 1, featured: true,
            title: "Tỉnh ủy triển khai chương trình làm việc tháng 12",
            lead: "Thường trực Tỉnh ủy thống nhất lịch làm việc với các đảng bộ xã, phường trong tháng cuối năm.",
            body: "Chương trình tập trung vào việc sơ kết công tác năm, chuẩn bị hội nghị tiếp xúc, đối thoại với đảng viên và theo dõi việc trả lời các kiến nghị còn tồn đọng.",
            author: "Phòng Thông tin");
        Published(db, editor, unit, null, recent.AddDays(-1), categoryId: 3, featured: false,
            title: "Nâng cao chất lượng sinh hoạt chi bộ ở nông thôn",
            lead: "Nhiều chi bộ thôn đổi mới nội dung sinh hoạt, gắn với những việc cụ thể của địa phương.",
            body: "Các chi bộ chọn một chuyên đề mỗi quý, mời đoàn viên thanh niên dự để bồi dưỡng nguồn kết nạp đảng viên mới.",
            author: "Ban Tuyên giáo và Dân vận");
        Published(db, editor, unit, null, recent.AddDays(-2), categoryId: 4, featured: false,
            title: "Thông báo lịch tiếp xúc, đối thoại quý I năm 2027",
            lead: "Văn phòng Tỉnh ủy thông báo lịch dự kiến các hội nghị tiếp xúc, đối thoại trong quý I năm 2027.",
            body: "Đảng viên có thể gửi ý kiến trước hội nghị qua chi bộ hoặc trực tiếp trên hệ thống.",
            author: "Văn phòng Tỉnh ủy");

        db.PortalDocuments.Add(new PortalDocument
        {
            Number = "215-KL/TW", IssuedOn = new DateOnly(2025, 6, 1), Title = "Kết luận về việc tiếp xúc, đối thoại",
            Summary = "Trách nhiệm tiếp xúc, đối thoại trực tiếp với nhân dân của người đứng đầu cấp ủy cấp tỉnh và cấp xã.",
        });
    }

    private static Article Published(AppDbContext db, Actor editor, int unitId, int? sessionId, DateTime atUtc,
        int categoryId, bool featured, string title, string lead, string body, string author)
    {
        var text = Normalise(body);
        var article = Article.Create(new ArticleContent(categoryId, title, lead, text, ArticleBody.Render(text), author, null, featured),
            Slugs.Of(title), unitId, sessionId, editor, atUtc.AddHours(-1));
        article.Submit(editor, atUtc.AddMinutes(-30));
        article.Publish(null, editor, atUtc);
        db.Articles.Add(article);
        return article;
    }

    /// <summary>Raw string literals keep the source's indentation out; blank lines stay paragraph breaks.</summary>
    private static string Normalise(string body) => body.Replace("\r\n", "\n").Trim();

    private static void AddPhoto(Article article, PhotoStore photos, Action<SKCanvas, int, int> draw, string alt, string caption, Actor editor, DateTime atUtc)
    {
        const int width = 960, height = 540;
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap)) draw(canvas, width, height);
        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        // Through the same checks and resizing as an upload.
        var stored = photos.Store(png.ToArray());
        article.AddPhoto(stored, alt, caption, editor, atUtc);
    }

    private static readonly SKColor Red = new(200, 16, 46), Gold = new(246, 210, 0), Wall = new(236, 228, 214), Seat = new(70, 90, 120), Wood = new(150, 100, 60);

    private static SKPaint Fill(SKColor color) => new() { Color = color, IsAntialias = true };

    private static void Hall(SKCanvas c, int w, int h)
    {
        c.Clear(Wall);
        using var red = Fill(Red);
        using var gold = Fill(Gold);
        using var seat = Fill(Seat);
        c.DrawRect(w * 0.15f, 30, w * 0.7f, 150, red);
        c.DrawRect(w * 0.2f, 90, w * 0.6f, 12, gold);
        for (var row = 0; row < 5; row++)
            for (var col = 0; col < 14; col++)
                c.DrawCircle(60 + col * 65 + (row % 2) * 20, 250 + row * 60, 18, seat);
    }

    private static void Speaker(SKCanvas c, int w, int h)
    {
        c.Clear(Wall);
        using var red = Fill(Red);
        using var gold = Fill(Gold);
        using var wood = Fill(Wood);
        using var person = Fill(new SKColor(40, 40, 50));
        c.DrawRect(w * 0.55f, 40, 300, 200, red);
        c.DrawCircle(w * 0.55f + 150, 140, 50, gold);
        c.DrawCircle(w * 0.35f, 220, 40, person);
        c.DrawRect(w * 0.35f - 60, 260, 120, 200, person);
        c.DrawRect(w * 0.35f - 90, 330, 180, 210, wood);
    }

    private static void Table(SKCanvas c, int w, int h)
    {
        c.Clear(Wall);
        using var red = Fill(Red);
        using var wood = Fill(Wood);
        using var person = Fill(new SKColor(40, 40, 50));
        using var flower = Fill(Gold);
        c.DrawRect(0, 0, w, 120, red);
        for (var i = 0; i < 3; i++)
        {
            c.DrawCircle(w * (0.3f + i * 0.2f), 250, 38, person);
            c.DrawRect(w * (0.3f + i * 0.2f) - 55, 290, 110, 120, person);
        }
        c.DrawRect(80, 360, w - 160, 160, wood);
        c.DrawCircle(w / 2f, 350, 30, flower);
    }
}
