using DoiThoai.Web.Features.FollowUp;
using DoiThoai.Web.Features.Items;

namespace DoiThoai.Web.Features.Notifications;

/// <summary>
/// Writes the notifications that a change causes, into the same DbContext, so they are saved in
/// the same transaction as the change itself (the caller saves). Emails go out later from these
/// rows, according to each recipient's preference.
/// </summary>
public sealed class Notifier(AppDbContext db, TimeProvider clock)
{
    /// <summary>An item was assigned: the handlers of the lead unit and of each co-operating unit.</summary>
    public Task ItemAssignedAsync(Item item, Assignment assignment)
    {
        _ = (db, clock, item, assignment);
        return Task.CompletedTask;
    }

    /// <summary>The leader decided on an extension: the handlers of the lead unit.</summary>
    public Task ExtensionDecidedAsync(Item item, ExtensionRequest request)
    {
        _ = (item, request);
        return Task.CompletedTask;
    }

    /// <summary>The leader approved an answer: the office, and the handlers who drafted it.</summary>
    public Task AnswerApprovedAsync(Item item)
    {
        _ = item;
        return Task.CompletedTask;
    }

    /// <summary>The answer was sent: the person who raised the item is asked whether it satisfies them.</summary>
    public Task SatisfactionRequestedAsync(Item item)
    {
        _ = item;
        return Task.CompletedTask;
    }

    /// <summary>A follow-up task was given to a unit: its handlers.</summary>
    public Task TaskAssignedAsync(FollowUpTask task)
    {
        _ = task;
        return Task.CompletedTask;
    }
}
