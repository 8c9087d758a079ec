using System.Globalization;
using DoiThoai.Web.Features.Organisation;
using DoiThoai.Web.Features.Shared;

namespace DoiThoai.Web.Features.Reports;

/// <summary>The reporting periods offices use: a month, a quarter, the first 6 or 9 months, a year, a term, or any dates.</summary>
public enum PeriodPreset { Month, Quarter, HalfYear, NineMonths, Year, Term, Custom }

/// <summary>A reporting period, both days included, in Vietnam time, with the label the report prints.</summary>
public sealed record StatisticsPeriod(DateOnly From, DateOnly To, string Label)
{
    /// <summary>Longer periods are refused: the monthly trend would not fit a page and nobody reports over them.</summary>
    public const int MaxYears = 30;

    /// <summary>What the form and the API send; everything optional, with the current year as the default.</summary>
    public sealed record Request(string? Preset, int? Year, int? Number, int? TermId, string? From, string? To);

    /// <summary>
    /// The period a request names. Custom dates win when given; then a term; then the preset, where
    /// <c>number</c> is the month (1–12) or the quarter (1–4). "6 tháng" and "9 tháng" are the first
    /// 6 and 9 months of the year, as in the offices' periodic reports.
    /// </summary>
    public static async Task<StatisticsPeriod> ResolveAsync(Request request, Func<int, Task<Term>> findTerm, DateOnly today)
    {
        var preset = ParsePreset(request.Preset, request);
        if (preset == PeriodPreset.Custom)
        {
            var from = FormValues.Date(request.From, "from") ?? throw new DomainValidationException("from", "Cần nhập ngày bắt đầu kỳ báo cáo.");
            var to = FormValues.Date(request.To, "to") ?? throw new DomainValidationException("to", "Cần nhập ngày kết thúc kỳ báo cáo.");
            return Checked(from, to, $"Từ ngày {Day(from)} đến ngày {Day(to)}");
        }
        if (preset == PeriodPreset.Term)
        {
            if (request.TermId is not { } termId) throw new DomainValidationException("termId", "Cần chọn nhiệm kỳ.");
            var term = await findTerm(termId);
            return Checked(term.StartsOn, term.EndsOn, $"Nhiệm kỳ {term.Name} ({Day(term.StartsOn)} – {Day(term.EndsOn)})");
        }
        var year = request.Year ?? today.Year;
        if (year is < 1990 or > 2100) throw new DomainValidationException("year", "Năm báo cáo phải từ 1990 đến 2100.");
        switch (preset)
        {
            case PeriodPreset.Month:
                var month = request.Number ?? today.Month;
                if (month is < 1 or > 12) throw new DomainValidationException("number", "Tháng phải từ 1 đến 12.");
                var first = new DateOnly(year, month, 1);
                return new(first, first.AddMonths(1).AddDays(-1), $"Tháng {month:00}/{year}");
            case PeriodPreset.Quarter:
                var quarter = request.Number ?? (today.Month + 2) / 3;
                if (quarter is < 1 or > 4) throw new DomainValidationException("number", "Quý phải từ 1 đến 4.");
                var start = new DateOnly(year, quarter * 3 - 2, 1);
                return new(start, start.AddMonths(3).AddDays(-1), $"Quý {Roman(quarter)} năm {year}");
            case PeriodPreset.HalfYear:
                return new(new DateOnly(year, 1, 1), new DateOnly(year, 6, 30), $"6 tháng đầu năm {year}");
            case PeriodPreset.NineMonths:
                return new(new DateOnly(year, 1, 1), new DateOnly(year, 9, 30), $"9 tháng năm {year}");
            default:
                return new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), $"Năm {year}");
        }
    }

    /// <summary>The preset named, or the one the other values imply (dates: custom; a term: term; otherwise a year).</summary>
    private static PeriodPreset ParsePreset(string? text, Request request)
    {
        if (string.IsNullOrWhiteSpace(text))
            return !string.IsNullOrWhiteSpace(request.From) || !string.IsNullOrWhiteSpace(request.To) ? PeriodPreset.Custom
                : request.TermId is not null ? PeriodPreset.Term
                : PeriodPreset.Year;
        var value = text.Trim().Replace("-", "", StringComparison.Ordinal);
        return Enum.TryParse<PeriodPreset>(value, ignoreCase: true, out var preset) && Enum.IsDefined(preset)
            ? preset
            : throw new DomainValidationException("preset",
                $"Kỳ báo cáo \"{text}\" không hợp lệ; chọn một trong: {string.Join(", ", Enum.GetNames<PeriodPreset>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}.");
    }

    private static StatisticsPeriod Checked(DateOnly from, DateOnly to, string label)
    {
        if (to < from)
            throw new DomainValidationException("to", "Kỳ báo cáo không hợp lệ: ngày kết thúc phải sau hoặc trùng ngày bắt đầu.");
        if (to > from.AddYears(MaxYears))
            throw new DomainValidationException("to", $"Kỳ báo cáo dài quá {MaxYears} năm.");
        return new(from, to, label);
    }

    private static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string Roman(int quarter) => quarter switch { 1 => "I", 2 => "II", 3 => "III", _ => "IV" };

    /// <summary>The first instant of the period and the first instant after it, in UTC, as items store their times.</summary>
    public (DateTime FromUtc, DateTime ToUtc) UtcBounds() =>
        (VietnamTime.ToUtc(From.ToDateTime(TimeOnly.MinValue)), VietnamTime.ToUtc(To.AddDays(1).ToDateTime(TimeOnly.MinValue)));
}
