namespace DoiThoai.Web.Features.Notifications;

/// <summary>The "Notifications" section of the configuration.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>
    /// Whether this node runs the background loop (reminders, digest, email). Tests turn it off and
    /// call <see cref="NotificationJobs.RunOnceAsync"/> with a fake clock instead.
    /// </summary>
    public bool BackgroundJobs { get; set; } = true;

    /// <summary>Seconds between two rounds of the background loop.</summary>
    public int PollSeconds { get; set; } = 30;

    /// <summary>An assignment or task is "due soon" this many working days before its deadline.</summary>
    public int DueSoonDays { get; set; } = 3;

    /// <summary>Minutes between two reminder scans (across all nodes); the dedup keys keep it to one reminder a day anyway.</summary>
    public int ReminderMinutes { get; set; } = 60;

    /// <summary>Hour of the day (Vietnam time) from which the daily digest is written.</summary>
    public int DigestHour { get; set; } = 7;

    /// <summary>Emails claimed by one sender in one round.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>How long a sender holds the rows it claimed (and a node a job lease) before others may take them over.</summary>
    public int LeaseMinutes { get; set; } = 5;

    /// <summary>After this many failed attempts an email is marked Failed (kept, shown to administrators, retried by hand).</summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary>Longest wait between two attempts at a failing email.</summary>
    public int MaxBackoffMinutes { get; set; } = 60;

    /// <summary>The app's public address (https://doithoai.example), put before the links in emails; empty: links stay relative.</summary>
    public string? BaseUrl { get; set; }
}

/// <summary>The "Smtp" section: the mail server the emails go through (MailKit).</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    /// <summary>Off by default, so that a fresh clone never tries to mail anyone; pending emails wait in the database.</summary>
    public bool Enabled { get; set; }
    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 25;
    /// <summary>true: STARTTLS when the server offers it (TLS on connect for port 465); false: plain SMTP.</summary>
    public bool UseTls { get; set; } = true;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "doithoai@localhost";
    public string FromName { get; set; } = "DoiThoai";
    /// <summary>Seconds before a connection or command is given up.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}
