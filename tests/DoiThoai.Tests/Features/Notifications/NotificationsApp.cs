using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Notifications;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DoiThoai.Tests.Features.Notifications;

/// <summary>
/// The app with email on, pointed at a <see cref="TestSmtpServer"/> port (running or not), and
/// the notification jobs run by hand with the factory's fake clock.
/// </summary>
public class NotificationsApp : AppFactory
{
    private readonly int smtpPort;
    private readonly Dictionary<string, string> settings;

    public NotificationsApp(int smtpPort, params (string Key, string Value)[] settings)
    {
        this.smtpPort = smtpPort;
        this.settings = settings.ToDictionary(s => s.Key, s => s.Value);
    }

    /// <summary>A second app node on <paramref name="first"/>'s database (PostgreSQL only).</summary>
    public NotificationsApp(NotificationsApp first, int smtpPort) : base(first)
    {
        this.smtpPort = smtpPort;
        settings = new Dictionary<string, string>(first.settings);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Smtp:Enabled", "true");
        builder.UseSetting("Smtp:Host", "127.0.0.1");
        builder.UseSetting("Smtp:Port", smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Smtp:UseTls", "false");
        builder.UseSetting("Smtp:From", "doithoai@tinhuy.example");
        builder.UseSetting("Smtp:FromName", "DoiThoai");
        builder.UseSetting("Smtp:TimeoutSeconds", "10");
        builder.UseSetting("Notifications:BaseUrl", "https://doithoai.example");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
    }

    public Task<NotificationRound> RunJobsAsync() => Services.GetRequiredService<NotificationJobs>().RunOnceAsync();

    public Task<EmailRun> SendEmailsAsync() => Services.GetRequiredService<NotificationJobs>().SendEmailsAsync();

    /// <summary>Runs <paramref name="work"/> with a fresh DI scope, as a request would have.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async Task InScopeAsync(Func<IServiceProvider, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider);
    }

    public Task<string> UserIdAsync(string userName) =>
        WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    public Task SetDeliveryAsync(string userName, EmailDelivery delivery, string? email = "keep") =>
        InScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException(userName);
            user.EmailDelivery = delivery;
            if (email != "keep") user.Email = email;
            var result = await users.UpdateAsync(user);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        });

    /// <summary>A new active account in <paramref name="role"/> working in the unit with <paramref name="unitCode"/>.</summary>
    public Task<string> AddUserAsync(string userName, string role, string unitCode, string? email = null, EmailDelivery delivery = EmailDelivery.Immediately) =>
        InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<DoiThoai.Web.Data.AppDbContext>();
            var users = services.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser
            {
                UserName = userName,
                Email = email ?? $"{userName}@doithoai.example",
                DisplayName = userName,
                OrgUnitId = await db.OrgUnits.Where(u => u.Code == unitCode).Select(u => u.Id).SingleAsync(),
                EmailDelivery = delivery,
            };
            Assert.True((await users.CreateAsync(user, DemoPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            return user.Id;
        });
}
