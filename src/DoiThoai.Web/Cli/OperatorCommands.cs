using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Calendar;
using DoiThoai.Web.Features.Demo;
using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Routing;
using DoiThoai.Web.Features.Items.Import;
using DoiThoai.Web.Features.Reports;
using DoiThoai.Web.Features.PersonalData;
using DoiThoai.Web.Features.Search;

namespace DoiThoai.Web.Cli;

/// <summary>
/// Verbs for operators: `dotnet run --project src/DoiThoai.Web -- migrate`. The executable serves
/// when it is given no verb. Later features add verbs here (reindex, backup …).
/// </summary>
public static class OperatorCommands
{
    private static readonly Dictionary<string, (string Help, Func<IServiceProvider, string[], Task<int>> Run)> Verbs = new()
    {
        ["migrate"] = ("Tạo hoặc cập nhật lược đồ cơ sở dữ liệu / create or upgrade the database schema", MigrateAsync),
        ["seed-demo"] = ("Nạp dữ liệu mẫu (idempotent) / load the demo data (idempotent)", SeedDemoAsync),
        ["reindex"] = ("Xóa và dựng lại chỉ mục tìm kiếm của máy này / delete and rebuild this node's search index", ReindexAsync),
        ["classifier"] = ("evaluate --train DIR --test DIR: đánh giá bộ phân loại / score the routing classifier; train: huấn luyện lại gợi ý phân loại / retrain the routing suggestion", ClassifierAsync),
        ["create-user"] = ("Tạo tài khoản / create an account: " + AccountCommands.CreateUsage, AccountCommands.CreateUserAsync),
        ["reset-password"] = ("Đặt lại mật khẩu / reset a password: " + AccountCommands.ResetUsage, AccountCommands.ResetPasswordAsync),
        ["backup"] = ("Sao lưu cơ sở dữ liệu và tệp khi ứng dụng đang chạy / back up the database and files, online: " + Backup.BackupUsage, Backup.BackupAsync),
        ["restore"] = ("Khôi phục vào cơ sở dữ liệu trống (--force để ghi đè) / restore into an empty database: " + Backup.RestoreUsage, Backup.RestoreAsync),
        ["report-statistics"] = ("Thống kê ý kiến, kiến nghị ra tệp JSON, .xlsx hoặc .docx / statistics into a file: " + StatisticsCommand.Usage, StatisticsCommand.RunAsync),
        ["import-items"] = ("Nhập ý kiến từ tệp (.txt mỗi dòng một ý kiến, .xlsx, .csv) vào hội nghị / import items into a session: " + ImportItemsCommand.Usage, ImportItemsCommand.RunAsync),
        ["export-items"] = ("Xuất ý kiến ra .xlsx hoặc .csv / export items: " + ExportItemsCommand.Usage, ExportItemsCommand.RunAsync),
        ["person-data"] = ("Xuất hoặc ẩn danh dữ liệu của một người theo yêu cầu / export or anonymise a person's data on request: " + PersonDataCommand.Usage, PersonDataCommand.RunAsync),
        ["help"] = ("Liệt kê các lệnh / list the verbs", (_, _) => Task.FromResult(PrintHelp())),
    };

    public static bool IsCommand(string[] args) => args.Length > 0 && !args[0].StartsWith('-') && !args[0].Contains('=');

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (!Verbs.TryGetValue(args[0], out var verb))
        {
            Console.Error.WriteLine($"Lệnh không hợp lệ: '{args[0]}'. Unknown verb.");
            PrintHelp();
            return 2;
        }
        await using var scope = app.Services.CreateAsyncScope();
        return await verb.Run(scope.ServiceProvider, args[1..]);
    }

    private static async Task<int> MigrateAsync(IServiceProvider services, string[] _)
    {
        var db = services.GetRequiredService<AppDbContext>();
        await DatabaseSetup.MigrateAsync(db);
        KeyRing.Ensure(services);
        await RoleSetup.EnsureRolesAsync(services);
        await CalendarSeed.EnsureAsync(db);
        Console.WriteLine($"Đã cập nhật lược đồ ({db.Database.ProviderName}). Schema is up to date.");
        return 0;
    }

    private static async Task<int> SeedDemoAsync(IServiceProvider services, string[] _)
    {
        var db = services.GetRequiredService<AppDbContext>();
        await DatabaseSetup.MigrateAsync(db);
        KeyRing.Ensure(services);
        await RoleSetup.EnsureRolesAsync(services);
        await CalendarSeed.EnsureAsync(db);
        var seeded = await services.GetRequiredService<DemoSeeder>().SeedAsync(printAccounts: true);
        Console.WriteLine(seeded ? "Đã nạp dữ liệu mẫu. Demo data loaded." : "Dữ liệu mẫu đã có sẵn. Demo data already present.");
        return 0;
    }

    private static async Task<int> ReindexAsync(IServiceProvider services, string[] _)
    {
        await DatabaseSetup.MigrateAsync(services.GetRequiredService<AppDbContext>());
        var index = services.GetRequiredService<SearchIndex>();
        Console.WriteLine($"Dựng lại chỉ mục tìm kiếm / rebuilding the search index: {index.Folder}");
        var count = await index.RebuildAsync(done => { if (done % 1_000 == 0) Console.WriteLine($"  {done:N0} …"); });
        Console.WriteLine($"Đã lập chỉ mục {count:N0} ý kiến. Indexed {count:N0} items.");
        return 0;
    }

    /// <summary>
    /// `classifier evaluate` works on files only and never opens the database; `classifier train`
    /// retrains the stored routing model from the items, as the admin page does.
    /// </summary>
    private static async Task<int> ClassifierAsync(IServiceProvider services, string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "evaluate":
                return ClassifierEvaluation.Run(Option(args, "--train"), Option(args, "--test"), Console.Out, Console.Error);
            case "train":
                await DatabaseSetup.MigrateAsync(services.GetRequiredService<AppDbContext>());
                try
                {
                    var model = await services.GetRequiredService<RoutingService>().TrainAsync("CLI");
                    Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"Đã huấn luyện từ {model.TopicItemCount} ý kiến (lĩnh vực, độ chính xác {model.TopicAccuracy:P0}) và {model.UnitItemCount} ý kiến đã giao (đơn vị chủ trì). Trained."));
                    return 0;
                }
                catch (DomainValidationException e)
                {
                    Console.Error.WriteLine(e.Message);
                    return 2;
                }
            default:
                Console.Error.WriteLine("Cách dùng / usage: classifier evaluate --train DIR --test DIR | classifier train");
                return 2;
        }
    }

    /// <summary>The value after <paramref name="name"/> ("--train DIR"), or null.</summary>
    internal static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static int PrintHelp()
    {
        Console.WriteLine("DoiThoai — các lệnh / verbs:");
        foreach (var (name, verb) in Verbs) Console.WriteLine($"  {name,-12} {verb.Help}");
        Console.WriteLine("Không có lệnh: chạy máy chủ web. No verb: serve the web app.");
        return 0;
    }
}
