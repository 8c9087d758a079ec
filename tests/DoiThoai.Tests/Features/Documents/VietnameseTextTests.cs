using DoiThoai.Web.Features.Documents;
using DoiThoai.Web.Features.Organisation;

namespace DoiThoai.Tests.Features.Documents;

/// <summary>Dates, numbers and header names as Party documents write them (ADR 0014).</summary>
public sealed class VietnameseTextTests
{
    [Theory]
    [InlineData(2017, 9, 8, "ngày 08 tháng 9 năm 2017")]
    [InlineData(2018, 4, 3, "ngày 03 tháng 4 năm 2018")]
    [InlineData(2026, 2, 5, "ngày 05 tháng 02 năm 2026")]
    [InlineData(2026, 1, 15, "ngày 15 tháng 01 năm 2026")]
    [InlineData(2017, 12, 31, "ngày 31 tháng 12 năm 2017")]
    [InlineData(2025, 11, 10, "ngày 10 tháng 11 năm 2025")]
    public void Days_below_ten_and_the_months_january_and_february_get_a_leading_zero(int year, int month, int day, string expected)
    {
        Assert.Equal(expected, VietnameseText.LongDate(new DateOnly(year, month, day)));
        Assert.Equal($"Việt Yên, {expected}", VietnameseText.PlaceAndDate("Việt Yên", new DateOnly(year, month, day)));
    }

    [Fact]
    public void Times_numbers_and_short_dates_are_vietnamese()
    {
        Assert.Equal("08 giờ 05 phút", VietnameseText.Time(new DateTime(2017, 9, 8, 1, 5, 0, DateTimeKind.Utc)));
        Assert.Equal("1.234.567", VietnameseText.Number(1_234_567));
        Assert.Equal("30/6/2018", VietnameseText.ShortDate(new DateOnly(2018, 6, 30)));
        Assert.Equal("05/02/2026", VietnameseText.ShortDate(new DateOnly(2026, 2, 5)));
        Assert.Equal("Việt Yên, ngày    tháng    năm 20…", VietnameseText.PlaceAndDate("Việt Yên", null));
        Assert.Equal(["I", "IV", "IX", "XIV"], new[] { 1, 4, 9, 14 }.Select(VietnameseText.Roman));
    }

    private static readonly OrgUnitKind ProvinceKind = new() { Name = "Tỉnh ủy" };
    private static readonly OrgUnitKind DistrictKind = new() { Name = "Huyện ủy" };
    private static readonly OrgUnitKind CommuneKind = new() { Name = "Đảng ủy xã" };
    private static readonly OrgUnitKind CommissionKind = new() { Name = "Ban của Tỉnh ủy" };
    private static readonly OrgUnitKind BranchKind = new() { Name = "Chi bộ" };

    [Fact]
    public void The_header_names_come_from_the_organisation_tree()
    {
        var province = new OrgUnit { Name = "Tỉnh ủy Bắc Giang", ShortName = "TU Bắc Giang", Kind = ProvinceKind };
        var district = new OrgUnit { Name = "Huyện ủy Việt Yên", Kind = DistrictKind, Parent = province };
        var commune = new OrgUnit { Name = "Đảng ủy xã Ninh Sơn", Kind = CommuneKind, Parent = district };
        var commission = new OrgUnit { Name = "Ban Tổ chức Tỉnh ủy Bắc Giang", Kind = CommissionKind, Parent = province };
        var branch = new OrgUnit { Name = "Chi bộ thôn Nội Ninh", Kind = BranchKind, Parent = commune };

        Assert.Null(VietnameseText.SuperiorBody(province));
        Assert.Equal("ĐẢNG BỘ TỈNH BẮC GIANG", VietnameseText.SuperiorBody(district));
        Assert.Equal("ĐẢNG BỘ HUYỆN VIỆT YÊN", VietnameseText.SuperiorBody(commune));
        Assert.Equal("TỈNH ỦY BẮC GIANG", VietnameseText.SuperiorBody(commission));
        Assert.Equal("ĐẢNG ỦY XÃ NINH SƠN", VietnameseText.SuperiorBody(branch));

        Assert.Equal(["TU", "HU", "ĐU", "BTCTU", "CB"], new[] { province, district, commune, commission, branch }.Select(VietnameseText.Sign));
        Assert.Equal(["Bắc Giang", "Việt Yên", "Ninh Sơn"], new[] { province, district, commune }.Select(VietnameseText.Locality));
        Assert.Equal("Số      -BB/HU", VietnameseText.NumberLine("BB", district));
    }
}

/// <summary>The layout helper on its own: text the app never stores through its forms still makes a valid file.</summary>
public sealed class PartyDocumentTests
{
    [Fact]
    public void Characters_xml_cannot_carry_become_spaces_and_the_file_stays_valid()
    {
        using var document = new PartyDocument();
        document.Header(new PartyHeader(null, "TỈNH ỦY BẮC NINH", null, "Bắc Ninh, ngày 27 tháng 11 năm 2026"));
        document.Title("Biên bản", "Hội nghị");
        document.Text("Dòng một\u000BDòng hai\u0001 kết thúc 😀\uD800");
        var doc = Docx.Read(document.ToArray(), "");

        Assert.Empty(doc.ValidationErrors);
        Assert.Contains("Dòng một Dòng hai  kết thúc 😀 ", doc.Paragraphs);
        // No superior body given: the issuing body comes first.
        Assert.Equal("TỈNH ỦY BẮC NINH", doc.Paragraphs[0]);
    }
}
