using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Notifications;
using Microsoft.Extensions.DependencyInjection;
using static DoiThoai.Web.Features.Demo.DemoCodes;

namespace DoiThoai.Tests.Features.Notifications;

/// <summary>A test that needs a database two app nodes can share: it runs in the PostgreSQL pass of ./test.sh.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("DOITHOAI_TEST_PROVIDER") != "Postgres")
            Skip = "Needs two app nodes on one PostgreSQL database: runs in the Postgres pass of ./test.sh (DOITHOAI_TEST_PROVIDER=Postgres).";
    }
}

/// <summary>
/// Two app instances (own services, clocks and node ids) on one PostgreSQL database and one mail
/// server, running the reminder job, the digest and the sender at the same moment, repeatedly —
/// and also the scans and digests directly, past the leases, so that the unique keys and the
/// claims are what is tested: every reminder exists once, every email arrives once.
/// </summary>
public sealed class TwoNodeTests
{
    [PostgresFact]
    public async Task Reminders_digests_and_emails_happen_exactly_once_across_two_nodes()
    {
        await using var smtp = new TestSmtpServer();
        await smtp.StartAsync();
        var first = new NotificationsApp(smtp.Port, ("Notifications:BatchSize", "7"));
        await first.InitializeAsync();
        try
        {
            // Ten handlers of Ban Tổ chức besides bantochuc, one of them on the daily digest.
            var handlers = new List<string> { await first.UserIdAsync("bantochuc") };
            for (var i = 0; i < 10; i++)
                handlers.Add(await first.AddUserAsync($"tn_handler{i}", Roles.DepartmentHandler, New.Organisation,
                    delivery: i == 0 ? EmailDelivery.DailyDigest : EmailDelivery.Immediately));
            var soon = await first.AssignAsync(New.Organisation, [], new DateOnly(2026, 12, 1));
            var overdue = await first.AssignAsync(New.Organisation, [], new DateOnly(2026, 12, 15));
            await first.SetDueOnAsync(overdue.AssignmentId, new DateOnly(2026, 11, 25));
            var myItems = new[] { soon.ItemId, overdue.ItemId };

            // The next morning, after the digest hour, on both nodes.
            first.SetVietnamTime(new DateOnly(2026, 11, 28), 7, 30);
            var second = new NotificationsApp(first, smtp.Port);
            await second.InitializeAsync();
            try
            {
                Assert.Equal(first.Clock.GetUtcNow(), second.Clock.GetUtcNow());
                var today = new DateOnly(2026, 11, 28);
                var nodes = new[] { first, second };
                for (var round = 0; round < 3; round++)
                {
                    await Task.WhenAll(nodes.SelectMany(node => new Task[]
                    {
                        node.RunJobsAsync(),
                        node.InScopeAsync(s => s.GetRequiredService<ReminderJob>().ScanAsync()),
                        node.InScopeAsync(s => s.GetRequiredService<DigestJob>().BuildAsync(today)),
                        node.SendEmailsAsync(),
                    }));
                }
                // Let the senders finish what is left, still both at once.
                for (var round = 0; round < 30; round++)
                {
                    var runs = await Task.WhenAll(first.SendEmailsAsync(), second.SendEmailsAsync());
                    if (runs.All(r => r.Claimed == 0)) break;
                }

                // One due-soon and one overdue reminder per handler for today, not more.
                var reminders = await first.NotificationsAsync(q => q.Where(n => n.ItemId != null && myItems.Contains(n.ItemId.Value)
                    && (n.Kind == NotificationKind.DueSoon || n.Kind == NotificationKind.Overdue)));
                Assert.Equal(handlers.Count * 2, reminders.Count);
                foreach (var handler in handlers)
                {
                    Assert.Single(reminders, n => n.UserId == handler && n.ItemId == soon.ItemId && n.Kind == NotificationKind.DueSoon);
                    Assert.Single(reminders, n => n.UserId == handler && n.ItemId == overdue.ItemId && n.Kind == NotificationKind.Overdue);
                }
                Assert.All(reminders, n => Assert.EndsWith(":2026-11-28", n.DedupKey));

                // One digest for the digest reader (its two assignment notifications of yesterday).
                var digest = Assert.Single(await first.NotificationsAsync(q => q.Where(n => n.UserId == handlers[1] && n.Kind == NotificationKind.Digest)));
                Assert.Contains("2 thông báo chưa đọc", digest.Title);

                // Every email arrived exactly once, and every email that had to go went.
                var all = await first.NotificationsAsync();
                Assert.DoesNotContain(all, n => n.Email == EmailState.Pending || n.Email == EmailState.Failed);
                var sent = all.Where(n => n.Email == EmailState.Sent).Select(n => $"notification-{n.Id}@tinhuy.example").Order().ToList();
                var received = smtp.Received.Select(e => e.Message.MessageId ?? "").Order().ToList();
                Assert.Equal(received.Distinct().Count(), received.Count);
                Assert.Equal(sent, received);
                Assert.Contains(smtp.Received, e => e.Subject == digest.Title && e.To.Contains("tn_handler0@doithoai.example"));
                Assert.True(sent.Count > handlers.Count * 2, $"only {sent.Count} emails");
                // Both nodes took part in sending.
                foreach (var node in nodes)
                {
                    var id = node.Services.GetRequiredService<NotificationNode>().Id;
                    Assert.Contains(all, n => n.Email == EmailState.Sent && n.ClaimedBy!.StartsWith(id + "/"));
                }
            }
            finally
            {
                await ((IAsyncLifetime)second).DisposeAsync();
            }
        }
        finally
        {
            await ((IAsyncLifetime)first).DisposeAsync();
        }
    }
}
