using System.Globalization;

namespace DoiThoai.Web.Features.Reports;

/// <summary>
/// The geometry of the page's charts, worked out here so the Razor view only writes SVG elements
/// with attributes (no inline style, no script): horizontal bars for a breakdown, columns for the
/// monthly trend; two series each, received and answered.
/// </summary>
public sealed class StatisticsChart
{
    public const int Width = 640;
    /// <summary>A breakdown chart shows its largest rows; the table beside it has them all.</summary>
    public const int MaxBars = 15;

    public sealed record Bar(string Label, int Received, int Answered, string X, string Y, string ReceivedLength, string AnsweredLength, string LabelX, string LabelY);

    public required string Id { get; init; }
    public required IReadOnlyList<Bar> Bars { get; init; }
    public required int Height { get; init; }
    public required bool Columns { get; init; }

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Rows as horizontal bars: the label on the left, received above answered.</summary>
    public static StatisticsChart Breakdown(string id, IEnumerable<(string Label, StatisticsFigures Figures)> rows)
    {
        var shown = rows.OrderByDescending(r => r.Figures.Received).Take(MaxBars).ToList();
        var max = Math.Max(1, shown.Select(r => r.Figures.Received).DefaultIfEmpty(0).Max());
        const double left = 250, span = Width - left - 60, row = 26;
        var bars = shown.Select((r, i) => new Bar(Shorten(r.Label), r.Figures.Received, r.Figures.Answered,
            N(left), N(i * row + 4), N(span * r.Figures.Received / max), N(span * r.Figures.Answered / max), N(left - 6), N(i * row + 17))).ToList();
        return new StatisticsChart { Id = id, Bars = bars, Height = Math.Max(1, bars.Count) * (int)row + 8, Columns = false };
    }

    /// <summary>Months as pairs of columns from a common baseline, every few months labelled.</summary>
    public static StatisticsChart Trend(string id, IReadOnlyList<StatisticsMonth> months)
    {
        var max = Math.Max(1, months.Select(m => m.Figures.Received).DefaultIfEmpty(0).Max());
        const double left = 40, top = 10, plot = 170;
        var slot = (Width - left - 10) / Math.Max(1, months.Count);
        var every = Math.Max(1, (int)Math.Ceiling(months.Count / 12.0));
        var bars = months.Select((m, i) => new Bar(
            i % every == 0 ? $"{m.Month:00}/{m.Year % 100:00}" : "", m.Figures.Received, m.Figures.Answered,
            N(left + i * slot + slot * 0.1), N(top + plot), N(plot * m.Figures.Received / max), N(plot * m.Figures.Answered / max),
            N(left + i * slot + slot / 2), N(top + plot + 16))).ToList();
        return new StatisticsChart { Id = id, Bars = bars, Height = (int)(top + plot + 26), Columns = true };
    }

    /// <summary>Width of one column of a pair in the trend.</summary>
    public string ColumnWidth => N(Columns && Bars.Count > 0 ? (Width - 50.0) / Bars.Count * 0.4 : 0);

    /// <summary>The second column of a pair, just right of the first.</summary>
    public static string Beside(string x, string width) =>
        N(double.Parse(x, CultureInfo.InvariantCulture) + double.Parse(width, CultureInfo.InvariantCulture));

    /// <summary>y of a column's top: the baseline minus its height.</summary>
    public static string Top(string baseline, string length) =>
        N(double.Parse(baseline, CultureInfo.InvariantCulture) - double.Parse(length, CultureInfo.InvariantCulture));

    /// <summary>y of the second bar of a row.</summary>
    public static string Below(string y) => N(double.Parse(y, CultureInfo.InvariantCulture) + 10);

    private static string Shorten(string label) => label.Length <= 38 ? label : label[..36] + "…";
}
