using MimeKit;

namespace DoiThoai.Web.Features.Notifications;

public static class NotificationsSetup
{
    /// <summary>
    /// The notifier used by the workflows, the jobs behind reminders, digests and email, and (unless
    /// Notifications:BackgroundJobs is false) the hosted loop that runs them.
    /// </summary>
    public static WebApplicationBuilder AddNotifications(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        services.AddOptions<NotificationOptions>().Bind(config.GetSection(NotificationOptions.Section))
            .Validate(o => o.PollSeconds > 0 && o.DueSoonDays >= 0 && o.DigestHour is >= 0 and <= 23 && o.BatchSize > 0 && o.MaxAttempts > 0,
                "Notifications: PollSeconds, BatchSize and MaxAttempts must be positive, DueSoonDays not negative, DigestHour 0–23.")
            .ValidateOnStart();
        services.AddOptions<SmtpOptions>().Bind(config.GetSection(SmtpOptions.Section))
            .Validate(o => !o.Enabled || (!string.IsNullOrWhiteSpace(o.Host) && o.Port is > 0 and < 65536 && MailboxAddress.TryParse(o.From, out _)),
                "Smtp: with Enabled=true, Host, Port (1–65535) and a valid From address are required.")
            .ValidateOnStart();

        services.AddSingleton<NotificationNode>();
        services.AddSingleton<UnreadBadge>();
        services.AddSingleton<NotificationJobs>();
        services.AddScoped<Recipients>();
        services.AddScoped<JobLeases>();
        services.AddScoped<Notifier>();
        services.AddScoped<ReminderJob>();
        services.AddScoped<DigestJob>();
        services.AddScoped<EmailSender>();
        if (config.GetValue("Notifications:BackgroundJobs", true))
            services.AddHostedService<NotificationWorker>();
        return builder;
    }
}
