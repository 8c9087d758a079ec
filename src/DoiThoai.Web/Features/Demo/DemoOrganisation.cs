using DoiThoai.Web.Features.Organisation;
using static DoiThoai.Web.Features.Demo.DemoCodes;
using T = DoiThoai.Web.Features.Demo.DemoCodes.Topics;

namespace DoiThoai.Web.Features.Demo;

/// <summary>
/// The demo organisation as tables: unit kinds, the tree before and after the 2025 reform with the
/// successor links between them, terms, topics and people. The reform is data, not code: Bắc Giang's
/// units end on 30/06/2025 and the Bắc Ninh units that carry on their work start the next day.
/// </summary>
internal static class DemoOrganisation
{
    /// <summary>Bắc Giang province was re-established on this day (split from Hà Bắc).</summary>
    private static readonly DateOnly Reestablished = new(1997, 1, 1);
    private static readonly DateOnly LastDayBeforeReform = new(2025, 6, 30);
    public static readonly DateOnly ReformDay = new(2025, 7, 1);

    private static class Kind
    {
        public const string Province = "tinh-uy";
        public const string ProvincialOffice = "van-phong-tinh-uy";
        public const string ProvincialCommission = "ban-tinh-uy";
        public const string ProvincialInspection = "ubkt-tinh-uy";
        public const string District = "huyen-uy";
        public const string DistrictCommission = "ban-huyen-uy";
        public const string Commune = "dang-uy-xa";
        public const string Ward = "dang-uy-phuong";
        public const string CommuneBody = "co-quan-dang-uy-xa";
        public const string Branch = "chi-bo";
    }

    private sealed record KindRow(string Code, string Name, string NameEn, int Level);

    private static readonly KindRow[] Kinds =
    [
        new(Kind.Province, "Tỉnh ủy", "Provincial Party Committee", 10),
        new(Kind.ProvincialOffice, "Văn phòng Tỉnh ủy", "Office of the Provincial Party Committee", 11),
        new(Kind.ProvincialCommission, "Ban của Tỉnh ủy", "Commission of the Provincial Party Committee", 11),
        new(Kind.ProvincialInspection, "Ủy ban Kiểm tra Tỉnh ủy", "Provincial Inspection Commission", 11),
        new(Kind.District, "Huyện ủy", "District Party Committee", 20),
        new(Kind.DistrictCommission, "Ban của Huyện ủy", "Commission of the District Party Committee", 21),
        new(Kind.Commune, "Đảng ủy xã", "Commune Party Committee", 30),
        new(Kind.Ward, "Đảng ủy phường", "Ward Party Committee", 30),
        new(Kind.CommuneBody, "Cơ quan tham mưu của Đảng ủy xã, phường", "Advisory body of a commune or ward Party Committee", 31),
        new(Kind.Branch, "Chi bộ", "Party branch", 40),
    ];

    /// <summary>The provincial advisory bodies of Bắc Giang and the Bắc Ninh body each one merged into.</summary>
    private static readonly (string Code, string Name, string Kind, string Successor, string Note)[] BacGiangBodies =
    [
        (Old.Office, "Văn phòng Tỉnh ủy", Kind.ProvincialOffice, New.Office, "Hợp nhất văn phòng tỉnh ủy của hai tỉnh."),
        (Old.Organisation, "Ban Tổ chức Tỉnh ủy", Kind.ProvincialCommission, New.Organisation, "Hợp nhất ban tổ chức của hai tỉnh."),
        (Old.Propaganda, "Ban Tuyên giáo Tỉnh ủy", Kind.ProvincialCommission, New.PropagandaMassMobilisation,
            "Ban Tuyên giáo và Ban Dân vận hợp nhất thành Ban Tuyên giáo và Dân vận."),
        (Old.MassMobilisation, "Ban Dân vận Tỉnh ủy", Kind.ProvincialCommission, New.PropagandaMassMobilisation,
            "Ban Tuyên giáo và Ban Dân vận hợp nhất thành Ban Tuyên giáo và Dân vận."),
        (Old.Inspection, "Ủy ban Kiểm tra Tỉnh ủy", Kind.ProvincialInspection, New.Inspection, "Hợp nhất ủy ban kiểm tra của hai tỉnh."),
    ];

    /// <summary>Ban Nội chính is new in the demo tree: it receives the periodic reports under Quy định 11-QĐi/TW.</summary>
    private static readonly (string Code, string Name, string Kind)[] BacNinhBodies =
    [
        (New.Office, "Văn phòng Tỉnh ủy", Kind.ProvincialOffice),
        (New.Organisation, "Ban Tổ chức Tỉnh ủy", Kind.ProvincialCommission),
        (New.PropagandaMassMobilisation, "Ban Tuyên giáo và Dân vận Tỉnh ủy", Kind.ProvincialCommission),
        (New.InternalAffairs, "Ban Nội chính Tỉnh ủy", Kind.ProvincialCommission),
        (New.Inspection, "Ủy ban Kiểm tra Tỉnh ủy", Kind.ProvincialInspection),
    ];

    // The commune-level mapping below (which communes went into which ward, the ward names, the
    // village branches other than Nội Ninh) is illustrative demo data, not the official 2025 decision.
    // The town status Việt Yên got in 2024 is left out, so the story goes straight from district to province.

    private static readonly (string Code, string Name)[] Wards =
    [
        (New.Nenh, "Nếnh"),
        (New.VietYen, "Việt Yên"),
    ];

    /// <summary>Communes of Việt Yên district and the ward party committee each one merged into.</summary>
    private static readonly (string Code, string Name, string Successor)[] Communes =
    [
        (Old.NinhSon, "Ninh Sơn", New.Nenh),
        (Old.QuangChau, "Quang Châu", New.Nenh),
        (Old.VanTrung, "Vân Trung", New.VietYen),
        (Old.TangTien, "Tăng Tiến", New.VietYen),
    ];

    /// <summary>
    /// Village branches. Each continues after the reform as a new unit under its commune's successor,
    /// because a unit's parent has no history of its own: moving the old row would rewrite 2017.
    /// </summary>
    private static readonly (string Old, string New, string Village, string Commune)[] Branches =
    [
        (Old.NoiNinh, New.NoiNinh, "Nội Ninh", Old.NinhSon),
        (Old.DongTien, New.DongTien, "Đông Tiến", Old.NinhSon),
        (Old.DaoNgan, New.DaoNgan, "Đạo Ngạn", Old.QuangChau),
        (Old.QuangBieu, New.QuangBieu, "Quang Biểu", Old.QuangChau),
        (Old.TrungDong, New.TrungDong, "Trung Đồng", Old.VanTrung),
        (Old.TienSon, New.TienSon, "Tiến Sơn", Old.TangTien),
    ];

    private sealed record UnitRow(string Code, string Name, string? ShortName, string Kind, string? Parent, DateOnly From, DateOnly? To);

    private static UnitRow Before(string code, string name, string kind, string? parent, string? shortName = null) =>
        new(code, name, shortName, kind, parent, Reestablished, LastDayBeforeReform);

    private static UnitRow After(string code, string name, string kind, string? parent, string? shortName = null) =>
        new(code, name, shortName, kind, parent, ReformDay, null);

    /// <summary>Every unit, parents before children.</summary>
    private static IEnumerable<UnitRow> Units()
    {
        yield return Before(Old.Province, "Tỉnh ủy Bắc Giang", Kind.Province, null, "TU Bắc Giang");
        foreach (var body in BacGiangBodies)
            yield return Before(body.Code, $"{body.Name} Bắc Giang", body.Kind, Old.Province);
        yield return Before(Old.District, "Huyện ủy Việt Yên", Kind.District, Old.Province, "HU Việt Yên");
        yield return Before(Old.DistrictOrganisation, "Ban Tổ chức Huyện ủy Việt Yên", Kind.DistrictCommission, Old.District);
        yield return Before(Old.DistrictPropaganda, "Ban Tuyên giáo Huyện ủy Việt Yên", Kind.DistrictCommission, Old.District);
        foreach (var commune in Communes)
            yield return Before(commune.Code, $"Đảng ủy xã {commune.Name}", Kind.Commune, Old.District);
        foreach (var branch in Branches)
            yield return Before(branch.Old, $"Chi bộ thôn {branch.Village}", Kind.Branch, branch.Commune);

        // No district level after the reform: the wards sit directly under the province.
        yield return After(New.Province, "Tỉnh ủy Bắc Ninh", Kind.Province, null, "TU Bắc Ninh");
        foreach (var body in BacNinhBodies)
            yield return After(body.Code, $"{body.Name} Bắc Ninh", body.Kind, New.Province);
        foreach (var ward in Wards)
            yield return After(ward.Code, $"Đảng ủy phường {ward.Name}", Kind.Ward, New.Province);
        yield return After(New.NenhOffice, "Văn phòng Đảng ủy phường Nếnh", Kind.CommuneBody, New.Nenh);
        yield return After(New.NenhPartyBuilding, "Ban Xây dựng Đảng Đảng ủy phường Nếnh", Kind.CommuneBody, New.Nenh);
        foreach (var branch in Branches)
            yield return After(branch.New, $"Chi bộ thôn {branch.Village}", Kind.Branch, SuccessorOf(branch.Commune));
    }

    private static string SuccessorOf(string communeCode) => Communes.Single(c => c.Code == communeCode).Successor;

    private static string WardName(string code) => "Đảng ủy phường " + Wards.Single(w => w.Code == code).Name;

    /// <summary>
    /// Who carries on whose work. Huyện ủy Việt Yên has no successor on purpose: the district level was
    /// abolished, its work went partly up to the province and partly down to the wards, and the
    /// province still reaches its records through the Bắc Giang → Bắc Ninh link.
    /// </summary>
    private static IEnumerable<(string From, string To, SuccessionKind Kind, string Note)> Successions()
    {
        yield return (Old.Province, New.Province, SuccessionKind.MergedInto,
            "Hợp nhất tỉnh Bắc Giang và tỉnh Bắc Ninh thành tỉnh Bắc Ninh; Đảng bộ tỉnh Bắc Ninh kế thừa hồ sơ của Đảng bộ tỉnh Bắc Giang.");
        foreach (var body in BacGiangBodies)
            yield return (body.Code, body.Successor, SuccessionKind.MergedInto, body.Note);
        foreach (var commune in Communes)
            yield return (commune.Code, commune.Successor, SuccessionKind.MergedInto,
                $"Sắp xếp đơn vị hành chính cấp xã: xã {commune.Name} nhập vào phường mới, trực thuộc Tỉnh ủy Bắc Ninh.");
        foreach (var branch in Branches)
            yield return (branch.Old, branch.New, SuccessionKind.MergedInto,
                $"Chi bộ giữ nguyên, chuyển về trực thuộc {WardName(SuccessorOf(branch.Commune))}.");
    }

    private static readonly (string Unit, string Name, DateOnly StartsOn, DateOnly EndsOn)[] Terms =
    [
        (Old.Province, "2015–2020", new(2015, 10, 1), new(2020, 9, 30)),
        (Old.Province, "2020–2025", new(2020, 10, 1), LastDayBeforeReform),
        (Old.District, "2015–2020", new(2015, 7, 1), new(2020, 6, 30)),
        (Old.District, "2020–2025", new(2020, 7, 1), LastDayBeforeReform),
        (New.Province, "2025–2030", ReformDay, new(2030, 9, 30)),
        (New.Nenh, "2025–2030", ReformDay, new(2030, 6, 30)),
        (New.VietYen, "2025–2030", ReformDay, new(2030, 6, 30)),
    ];

    private static readonly (string Code, string Name, string NameEn)[] TopicRows =
    [
        (T.Leadership, "Vai trò lãnh đạo của cấp ủy", "Leadership role of Party committees"),
        (T.Directives, "Triển khai văn bản lãnh đạo, chỉ đạo của cấp trên", "Implementing higher-level directives"),
        (T.Directive05, "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh (Chỉ thị 05-CT/TW)",
            "Directive 05: studying and following Ho Chi Minh's thought, morality and style"),
        (T.Cadres, "Công tác tổ chức cán bộ", "Cadre and organisation work"),
        (T.ResolutionTw4, "Nghị quyết Trung ương 4 khóa XII về xây dựng, chỉnh đốn Đảng",
            "Resolution 4 of the 12th Central Committee on Party building"),
        (T.Inspection, "Kiểm tra, giám sát", "Inspection and supervision"),
        (T.MassMobilisation, "Công tác dân vận", "Mass mobilisation"),
        (T.Allowances, "Chế độ, chính sách đối với cán bộ cơ sở", "Regimes and allowances for grassroots cadres"),
        (T.Recruitment, "Phát triển đảng viên", "Party member recruitment"),
    ];

    /// <summary>
    /// Thân Văn Khoa, Nguyễn Văn Cảnh and Đoàn Văn Mật are named in the 2017 report; every other name is
    /// invented. Đoàn Văn Mật is filed under the new Nội Ninh branch because a person has one current unit.
    /// </summary>
    private static readonly (string FullName, string Position, string Unit)[] PeopleRows =
    [
        ("Thân Văn Khoa", "Phó Bí thư Thường trực Tỉnh ủy Bắc Giang", Old.Province),
        ("Nguyễn Văn Cảnh", "Tỉnh ủy viên, Bí thư Huyện ủy, Chủ tịch HĐND huyện Việt Yên", Old.District),
        ("Nguyễn Thị Thanh Hà", "Chuyên viên Văn phòng Tỉnh ủy Bắc Giang", Old.Office),
        ("Nguyễn Văn Tuấn", "Bí thư Đảng ủy xã Ninh Sơn", Old.NinhSon),
        ("Lê Văn Thành", "Bí thư Đảng ủy xã Quang Châu", Old.QuangChau),
        ("Hoàng Thị Thu", "Bí thư Đảng ủy xã Vân Trung", Old.VanTrung),
        ("Ngô Quang Vinh", "Bí thư Đảng ủy xã Tăng Tiến", Old.TangTien),
        ("Trần Văn Lợi", "Bí thư Chi bộ thôn Đông Tiến, xã Ninh Sơn", Old.DongTien),
        ("Dương Văn Hải", "Bí thư Chi bộ thôn Đạo Ngạn, xã Quang Châu", Old.DaoNgan),
        ("Nguyễn Thị Hằng", "Bí thư Chi bộ thôn Quang Biểu, xã Quang Châu", Old.QuangBieu),
        ("Vũ Đình Khải", "Bí thư Chi bộ thôn Trung Đồng, xã Vân Trung", Old.TrungDong),
        ("Phạm Văn Toàn", "Bí thư Chi bộ thôn Tiến Sơn, xã Tăng Tiến", Old.TienSon),
        ("Đoàn Văn Mật", "Bí thư Chi bộ thôn Nội Ninh", New.NoiNinh),
        ("Thân Đức Hiếu", "Bí thư Đảng ủy phường Nếnh", New.Nenh),
        ("Nguyễn Thu Phương", "Chuyên viên Văn phòng Đảng ủy phường Nếnh", New.NenhOffice),
        ("Lê Thị Nga", "Bí thư Chi bộ thôn Quang Biểu, phường Nếnh", New.QuangBieu),
        ("Đặng Văn Hòa", "Bí thư Chi bộ thôn Đạo Ngạn, phường Nếnh", New.DaoNgan),
        ("Nguyễn Đức Thịnh", "Bí thư Đảng ủy phường Việt Yên", New.VietYen),
        ("Vũ Thị Yến", "Bí thư Chi bộ thôn Trung Đồng, phường Việt Yên", New.TrungDong),
        // The people behind the demo accounts.
        ("Trịnh Quốc Bảo", "Phó Bí thư Tỉnh ủy Bắc Ninh", New.Province),
        ("Phạm Thị Thu Trang", "Chuyên viên Văn phòng Tỉnh ủy Bắc Ninh", New.Office),
        ("Giáp Văn Long", "Chuyên viên Ban Tổ chức Tỉnh ủy Bắc Ninh", New.Organisation),
        // Handlers in the advisory bodies who drafted the answers (the first person of a unit handles its items).
        ("Hà Văn Đức", "Chuyên viên Ban Tổ chức Tỉnh ủy Bắc Giang", Old.Organisation),
        ("Nguyễn Thị Lan", "Chuyên viên Ban Tuyên giáo Tỉnh ủy Bắc Giang", Old.Propaganda),
        ("Trần Quang Huy", "Chuyên viên Ủy ban Kiểm tra Tỉnh ủy Bắc Giang", Old.Inspection),
        ("Lê Thị Hoa", "Chuyên viên Ban Dân vận Tỉnh ủy Bắc Giang", Old.MassMobilisation),
        ("Lương Thị Minh", "Chuyên viên Ban Xây dựng Đảng, Đảng ủy phường Nếnh", New.NenhPartyBuilding),
        ("Ngô Thị Thảo", "Chuyên viên Ban Tuyên giáo và Dân vận Tỉnh ủy Bắc Ninh", New.PropagandaMassMobilisation),
        ("Đào Thị Ngọc Anh", "Biên tập viên Cổng thông tin điện tử Tỉnh ủy Bắc Ninh", New.Office),
    ];

    /// <summary>
    /// Adds the organisation to the context (not saved yet). Kinds and topics that already exist with
    /// the same code are reused, so the demo also loads next to reference data an administrator entered.
    /// </summary>
    public static async Task<DemoWorld> AddAsync(AppDbContext db)
    {
        var world = new DemoWorld();
        var kinds = await db.OrgUnitKinds.ToDictionaryAsync(k => k.Code);
        foreach (var row in Kinds.Where(k => !kinds.ContainsKey(k.Code)))
            kinds[row.Code] = db.OrgUnitKinds.Add(new OrgUnitKind { Code = row.Code, Name = row.Name, NameEn = row.NameEn, Level = row.Level }).Entity;

        var childrenSoFar = new Dictionary<string, int>();
        foreach (var row in Units())
        {
            var parentKey = row.Parent ?? "";
            childrenSoFar[parentKey] = childrenSoFar.GetValueOrDefault(parentKey) + 1;
            var unit = new OrgUnit
            {
                Code = row.Code,
                Name = row.Name,
                ShortName = row.ShortName,
                Kind = kinds[row.Kind],
                Parent = row.Parent is null ? null : world.Units[row.Parent],
                ValidFrom = row.From,
                ValidTo = row.To,
                SortOrder = childrenSoFar[parentKey] * 10,
            };
            unit.EnsureValidPeriod();
            world.Units.Add(row.Code, db.OrgUnits.Add(unit).Entity);
        }

        foreach (var (from, to, kind, note) in Successions())
            db.OrgUnitSuccessions.Add(new OrgUnitSuccession
            {
                Predecessor = world.Units[from], Successor = world.Units[to], Kind = kind, EffectiveOn = ReformDay, Note = note,
            });

        foreach (var (unit, name, startsOn, endsOn) in Terms)
        {
            var term = new Term { OrgUnit = world.Units[unit], Name = name, StartsOn = startsOn, EndsOn = endsOn };
            term.EnsureValidPeriod();
            world.Terms.Add(db.Terms.Add(term).Entity);
        }

        var topics = await db.Topics.ToDictionaryAsync(t => t.Code);
        var order = 0;
        foreach (var (code, name, nameEn) in TopicRows)
        {
            order += 10;
            world.Topics[code] = topics.TryGetValue(code, out var existing)
                ? existing
                : db.Topics.Add(new Topic { Code = code, Name = name, NameEn = nameEn, SortOrder = order }).Entity;
        }

        foreach (var (fullName, position, unit) in PeopleRows)
            world.People[fullName.Normalize()] =
                db.People.Add(new Person { FullName = fullName, Position = position, OrgUnit = world.Units[unit] }).Entity;

        return world;
    }
}
