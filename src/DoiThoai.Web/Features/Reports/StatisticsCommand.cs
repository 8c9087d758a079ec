using System.Text.Json;
using System.Text.Json.Serialization;

namespace DoiThoai.Web.Features.Reports;

/// <summary>
/// `report-statistics`: the statistics as JSON, .xlsx or .docx into a file, for scheduled jobs
/// (a monthly report sent by cron). It runs as the operator, who has the whole database, so no
/// user scope applies; the period rules and messages are those of the page and the API.
/// </summary>
public static class StatisticsCommand
{
    public const string Usage =
        "report-statistics --unit ID|CODE (--from yyyy-MM-dd --to yyyy-MM-dd | --term ID | --preset month|quarter|halfYear|nineMonths|year --year YYYY [--number N]) "
        + "[--sub-units] [--historical] [--format json|xlsx|docx] --out FILE";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var options = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) return Fail($"Tham số không hợp lệ: '{args[i]}'.");
            options[args[i][2..]] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
        }
        if (options.GetValueOrDefault("out") is not { } output) return Fail("Cần --out FILE.");
        var format = (options.GetValueOrDefault("format") ?? Path.GetExtension(output).TrimStart('.')).ToLowerInvariant();
        if (format is not ("json" or "xlsx" or "docx")) return Fail("--format phải là json, xlsx hoặc docx.");
        try
        {
            int? Number(string name) => options.GetValueOrDefault(name) is { } v
                ? int.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : throw new DomainValidationException(name, $"--{name} phải là số nguyên.")
                : null;
            await DatabaseSetup.MigrateAsync(services.GetRequiredService<AppDbContext>());
            var query = new StatisticsQuery(await UnitAsync(services, options.GetValueOrDefault("unit")), options.ContainsKey("sub-units"),
                options.ContainsKey("historical") ? UnitGrouping.Historical : UnitGrouping.Successor,
                new StatisticsPeriod.Request(options.GetValueOrDefault("preset"), Number("year"), Number("number"), Number("term"),
                    options.GetValueOrDefault("from"), options.GetValueOrDefault("to")));
            var report = await services.GetRequiredService<Statistics>().ComputeUncheckedAsync(query);
            var today = VietnamTime.Today(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
            var content = format switch
            {
                "xlsx" => StatisticsWorkbook.Build(report),
                "docx" => await PeriodicReportDocument.BuildAsync(report, services.GetRequiredService<AppDbContext>(), today),
                _ => JsonSerializer.SerializeToUtf8Bytes(report, Json),
            };
            await File.WriteAllBytesAsync(output, content);
            Console.WriteLine($"Đã ghi {output}: {report.Totals.Received:N0} ý kiến, kiến nghị ({report.From:dd/MM/yyyy}–{report.To:dd/MM/yyyy}). Written.");
            return 0;
        }
        catch (DomainValidationException e)
        {
            return Fail(e.Message);
        }
    }

    /// <summary>A unit by id or by its code (codes survive a restructuring and a reload of the data; ids may not).</summary>
    private static async Task<int?> UnitAsync(IServiceProvider services, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var id)) return id;
        return await services.GetRequiredService<AppDbContext>().OrgUnits.Where(u => u.Code == text).Select(u => (int?)u.Id).SingleOrDefaultAsync()
            ?? throw new DomainValidationException("unit", $"Không có đơn vị mã \"{text}\".");
    }

    /// <summary>The API's JSON shape: camelCase names and enum values.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        Console.Error.WriteLine("Cách dùng / usage: " + Usage);
        return 2;
    }
}
