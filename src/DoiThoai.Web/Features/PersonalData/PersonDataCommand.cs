using static DoiThoai.Web.Cli.OperatorCommands;

namespace DoiThoai.Web.Features.PersonalData;

/// <summary>
/// The `person-data` operator verbs, for a request handled outside the web pages (ADR 0021). Like
/// the pages they need the request they answer (--reason) and are recorded, under the operator's
/// account name on this machine.
/// </summary>
public static class PersonDataCommand
{
    public const string Usage =
        "person-data export --person ID --out FILE --reason TEXT | person-data anonymise --person ID --reason TEXT --yes";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var verb = args.FirstOrDefault();
        if (verb is not ("export" or "anonymise") || !int.TryParse(Option(args, "--person"), out var personId))
            return Fail($"Cách dùng / usage: {Usage}");
        var reason = Option(args, "--reason");
        var output = Option(args, "--out");
        if (verb == "export" && string.IsNullOrWhiteSpace(output)) return Fail($"Thiếu --out FILE. Cách dùng / usage: {Usage}");
        if (verb == "anonymise" && !args.Contains("--yes"))
            return Fail("Ẩn danh không thể hoàn tác: thêm --yes để xác nhận. Anonymisation cannot be undone: add --yes to confirm.");

        var db = services.GetRequiredService<AppDbContext>();
        await DatabaseSetup.MigrateAsync(db);
        var data = services.GetRequiredService<PersonalDataService>();
        var actor = new Actor(null, $"Dòng lệnh ({Environment.UserName})");
        try
        {
            if (verb == "export")
            {
                await File.WriteAllBytesAsync(output!, await data.ExportAsync(personId, reason, actor));
                Console.WriteLine($"Đã xuất dữ liệu của người #{personId} ra {output}. Exported.");
            }
            else
            {
                await data.AnonymiseAsync(personId, reason, actor);
                Console.WriteLine($"Đã ẩn danh người #{personId}. Anonymised.");
            }
            return 0;
        }
        catch (Exception e) when (e is DomainValidationException or NotFoundException)
        {
            return Fail(e.Message);
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
