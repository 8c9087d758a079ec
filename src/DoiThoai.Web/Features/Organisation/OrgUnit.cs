namespace DoiThoai.Web.Features.Organisation;

/// <summary>
/// A kind of organisation unit (tỉnh ủy, đảng ủy xã, chi bộ, ban …). Kinds are data, not an enum,
/// because the Party's structure changes (the 2025 reform removed the district level and merged
/// commissions) and the administrator must be able to follow it without a new release.
/// </summary>
public sealed class OrgUnitKind
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string NameEn { get; set; } = "";
    /// <summary>Orders kinds from the top of the tree down (province 10, commune 30, branch 40 …).</summary>
    public int Level { get; set; }
}

/// <summary>
/// A node of the organisation tree with a validity period. Units are never deleted: a unit that
/// ends gets <see cref="ValidTo"/> and successor links, so sessions and items raised under it stay
/// readable and reportable after a restructuring.
/// </summary>
public sealed class OrgUnit
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string? ShortName { get; set; }
    public string? Code { get; set; }
    public int KindId { get; set; }
    public OrgUnitKind? Kind { get; set; }
    public int? ParentId { get; set; }
    public OrgUnit? Parent { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public int SortOrder { get; set; }

    public bool IsValidOn(DateOnly day) => ValidFrom <= day && (ValidTo is null || day <= ValidTo);

    /// <summary>Checks the dates of a unit before it is saved.</summary>
    public void EnsureValidPeriod()
    {
        if (ValidTo is { } to && to < ValidFrom)
            throw new DomainValidationException(nameof(ValidTo), "Ngày kết thúc hiệu lực phải sau ngày bắt đầu.");
    }
}

public enum SuccessionKind
{
    /// <summary>The whole unit was merged into the successor (sáp nhập).</summary>
    MergedInto,
    /// <summary>Part of the unit went to the successor (chia tách).</summary>
    SplitInto,
    /// <summary>The unit continues under a new name (đổi tên).</summary>
    RenamedTo,
}

/// <summary>A link from a unit that ended to the unit that carries on its work.</summary>
public sealed class OrgUnitSuccession
{
    public int Id { get; set; }
    public int PredecessorId { get; set; }
    public OrgUnit? Predecessor { get; set; }
    public int SuccessorId { get; set; }
    public OrgUnit? Successor { get; set; }
    public SuccessionKind Kind { get; set; }
    public DateOnly EffectiveOn { get; set; }
    public string? Note { get; set; }
}

/// <summary>A term of office (nhiệm kỳ) of a unit, e.g. 2015–2020.</summary>
public sealed class Term
{
    public int Id { get; set; }
    public int OrgUnitId { get; set; }
    public OrgUnit? OrgUnit { get; set; }
    public string Name { get; set; } = "";
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }

    public void EnsureValidPeriod()
    {
        if (EndsOn <= StartsOn)
            throw new DomainValidationException(nameof(EndsOn), "Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu.");
    }
}

/// <summary>A person known to the committee; an account is optional.</summary>
public sealed class Person
{
    public int Id { get; set; }
    public string FullName { get; set; } = "";
    public string? Position { get; set; }
    public int? OrgUnitId { get; set; }
    public OrgUnit? OrgUnit { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
}

/// <summary>A field of work (lĩnh vực) items are classified under.</summary>
public sealed class Topic
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string NameEn { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public int SortOrder { get; set; }
}
