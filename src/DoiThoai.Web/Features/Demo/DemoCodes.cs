namespace DoiThoai.Web.Features.Demo;

/// <summary>
/// Stable codes of the demo organisation units, so the seeder, the tests and the docs can find a
/// unit without relying on database ids or on names (names change in a restructuring, codes do not).
/// </summary>
public static class DemoCodes
{
    /// <summary>Units of Bắc Giang province; all of them ended on 30/06/2025.</summary>
    public static class Old
    {
        /// <summary>The root of the demo tree. Its presence means the demo data is already loaded.</summary>
        public const string Province = "BG-TU";
        public const string Office = "BG-TU-VP";
        public const string Organisation = "BG-TU-BTC";
        public const string Propaganda = "BG-TU-BTG";
        public const string MassMobilisation = "BG-TU-BDV";
        public const string Inspection = "BG-TU-UBKT";

        public const string District = "BG-HU-VY";
        public const string DistrictOrganisation = "BG-HU-VY-BTC";
        public const string DistrictPropaganda = "BG-HU-VY-BTG";

        public const string NinhSon = "BG-VY-NINHSON";
        public const string QuangChau = "BG-VY-QUANGCHAU";
        public const string VanTrung = "BG-VY-VANTRUNG";
        public const string TangTien = "BG-VY-TANGTIEN";

        public const string NoiNinh = "BG-VY-NINHSON-NOININH";
        public const string DongTien = "BG-VY-NINHSON-DONGTIEN";
        public const string DaoNgan = "BG-VY-QUANGCHAU-DAONGAN";
        public const string QuangBieu = "BG-VY-QUANGCHAU-QUANGBIEU";
        public const string TrungDong = "BG-VY-VANTRUNG-TRUNGDONG";
        public const string TienSon = "BG-VY-TANGTIEN-TIENSON";
    }

    /// <summary>Units of the merged Bắc Ninh province, valid from 01/07/2025.</summary>
    public static class New
    {
        public const string Province = "BN-TU";
        public const string Office = "BN-TU-VP";
        public const string Organisation = "BN-TU-BTC";
        public const string PropagandaMassMobilisation = "BN-TU-BTGDV";
        public const string Inspection = "BN-TU-UBKT";
        public const string InternalAffairs = "BN-TU-BNC";

        public const string Nenh = "BN-NENH";
        public const string NenhOffice = "BN-NENH-VP";
        public const string NenhPartyBuilding = "BN-NENH-BXDD";
        public const string VietYen = "BN-VIETYEN";

        public const string NoiNinh = "BN-NENH-NOININH";
        public const string DongTien = "BN-NENH-DONGTIEN";
        public const string DaoNgan = "BN-NENH-DAONGAN";
        public const string QuangBieu = "BN-NENH-QUANGBIEU";
        public const string TrungDong = "BN-VIETYEN-TRUNGDONG";
        public const string TienSon = "BN-VIETYEN-TIENSON";
    }

    /// <summary>Topic (lĩnh vực) codes.</summary>
    public static class Topics
    {
        public const string Leadership = "lanh-dao";
        public const string Directives = "thuc-hien-van-ban";
        public const string Directive05 = "chi-thi-05";
        public const string Cadres = "to-chuc-can-bo";
        public const string ResolutionTw4 = "nghi-quyet-tw4";
        public const string Inspection = "kiem-tra-giam-sat";
        public const string MassMobilisation = "dan-van";
        public const string Allowances = "che-do-chinh-sach";
        public const string Recruitment = "phat-trien-dang-vien";
    }
}
