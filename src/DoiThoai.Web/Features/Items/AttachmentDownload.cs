namespace DoiThoai.Web.Features.Items;

/// <summary>
/// Serving an attachment: only to someone who may read its item (the same check as the item's
/// page, so a hidden item's files answer 404 too), always as a download and never sniffed, so an
/// uploaded file can never run as a page of this site.
/// </summary>
public static class AttachmentDownload
{
    public sealed record StoredFile(string Path, string ContentType, string FileName);

    /// <summary>
    /// The file, if the caller may read the item and, for the files of a draft or a contribution,
    /// may see the work on it (the speaker gets the answer's files once the answer is final).
    /// </summary>
    public static async Task<StoredFile> FindAsync(int itemId, int attachmentId, ItemWorkflow workflow, AppDbContext db, AttachmentStore store)
    {
        var item = await workflow.FindVisibleAsync(itemId);
        var attachment = await db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == attachmentId && a.ItemId == itemId)
            ?? throw new NotFoundException("Không tìm thấy tệp đính kèm.");
        var answerFile = ItemWorkflow.IsSettledAnswer(item.Status, item.Answer)
            && ItemWorkflow.IsFinalAnswerFile(attachment.ContributionId, attachment.UploadedAtUtc, item.AnsweredAtUtc);
        if (!answerFile && !(await workflow.CallerAsync()).MaySeeWork(ItemFacts.Of(item)))
            throw new NotFoundException("Không tìm thấy tệp đính kèm.");
        var path = store.PathOf(attachment.Sha256);
        if (!File.Exists(path)) throw new NotFoundException("Không tìm thấy tệp đính kèm.");
        return new StoredFile(path, attachment.ContentType, attachment.FileName);
    }

    public static void AddSafetyHeaders(HttpResponse response)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        response.Headers.CacheControl = "private, no-store";
    }
}
