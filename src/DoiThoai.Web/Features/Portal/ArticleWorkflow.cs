using System.Text;
using DoiThoai.Text;
using DoiThoai.Web.Features.Accounts;

namespace DoiThoai.Web.Features.Portal;

/// <summary>
/// Who may do what to articles, then the entity's transition, then the save. Office staff, leaders
/// and editors write and submit; only editors publish and unpublish. Writers see the articles of the
/// units they oversee (administrators every article).
/// </summary>
public sealed class ArticleWorkflow(AppDbContext db, UserScope scope, TimeProvider clock, PortalCache cache)
{
    public static readonly string[] WriterRoles = [Roles.Editor, Roles.OfficeStaff, Roles.Leader, Roles.Administrator];

    public bool IsWriter => WriterRoles.Any(scope.IsInRole);
    public bool IsEditor => scope.IsInRole(Roles.Editor);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The articles the caller may open in the editor pages.</summary>
    public async Task<IQueryable<Article>> ArticlesAsync()
    {
        if (!IsWriter) throw new AccessDeniedException();
        var overseen = await scope.OverseenUnitsAsync();
        if (overseen is null) return db.Articles;
        var ids = overseen.ToList();
        return db.Articles.Where(a => ids.Contains(a.OwnerUnitId));
    }

    public async Task<Article> FindAsync(int id) =>
        await (await ArticlesAsync()).Include(a => a.Photos).Include(a => a.Category)
            .SingleOrDefaultAsync(a => a.Id == id) ?? throw new NotFoundException("Không tìm thấy bài viết.");

    public async Task<Article> CreateAsync(ArticleInput input, int? sessionId = null)
    {
        if (!IsWriter) throw new AccessDeniedException();
        var content = await input.ToContentAsync(db);
        var slug = await SlugAsync(input.Slug, content.Title, null);
        var actor = await scope.ActorAsync();
        var unitId = await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.OrgUnitId).SingleAsync();
        var article = Article.Create(content, slug, unitId, sessionId, actor, Now);
        db.Articles.Add(article);
        await SaveAsync(article);
        return article;
    }

    public async Task<Article> EditAsync(int id, ArticleInput input)
    {
        var article = await FindAsync(id);
        if (input.Version is { } opened && opened != article.Version) throw await ChangedMeanwhileAsync(article.Id);
        var content = await input.ToContentAsync(db);
        var slug = await SlugAsync(input.Slug, content.Title, article.Id);
        article.Edit(content, slug, await scope.ActorAsync(), Now);
        await SaveAsync(article);
        return article;
    }

    public async Task SubmitAsync(int id)
    {
        var article = await FindAsync(id);
        article.Submit(await scope.ActorAsync(), Now);
        await SaveAsync(article);
    }

    public async Task SendBackAsync(int id, string? note)
    {
        EnsureEditor();
        var article = await FindAsync(id);
        article.SendBack(note, await scope.ActorAsync(), Now);
        await SaveAsync(article);
    }

    public async Task PublishAsync(int id, DateTime? publishAtUtc)
    {
        EnsureEditor();
        var article = await FindAsync(id);
        article.Publish(publishAtUtc, await scope.ActorAsync(), Now);
        await SaveAsync(article);
    }

    public async Task UnpublishAsync(int id, string? reason)
    {
        EnsureEditor();
        var article = await FindAsync(id);
        article.Unpublish(reason, await scope.ActorAsync(), Now);
        await SaveAsync(article);
    }

    public async Task<ArticlePhoto> AddPhotoAsync(int id, StoredPhoto photo, string? altText, string? caption)
    {
        var article = await FindAsync(id);
        var added = article.AddPhoto(photo, altText, caption, await scope.ActorAsync(), Now);
        await SaveAsync(article);
        return added;
    }

    public async Task RemovePhotoAsync(int id, int photoId)
    {
        var article = await FindAsync(id);
        article.RemovePhoto(photoId, await scope.ActorAsync(), Now);
        await SaveAsync(article);
    }

    /// <summary>
    /// Someone saved the article after this form was opened: saving would overwrite their change.
    /// Told as items and tasks tell it (ADR 0018): who, when, what, and the title saved now.
    /// </summary>
    private async Task<ConcurrencyConflictException> ChangedMeanwhileAsync(int articleId)
    {
        db.ChangeTracker.Clear();
        var last = await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == articleId)
            .OrderByDescending(r => r.Number).FirstOrDefaultAsync();
        return last is null
            ? new ConcurrencyConflictException(0, null, null, null, null)
            : new ConcurrencyConflictException(last.Number, last.ActorName, last.AtUtc, ArticleLabels.OfAction(last.Action), last.Title);
    }

    private void EnsureEditor()
    {
        if (!IsEditor) throw new AccessDeniedException("Chỉ biên tập viên được đăng hoặc gỡ bài viết.");
    }

    /// <summary>Saves, and drops the cached public pages when readers may see a difference.</summary>
    private async Task SaveAsync(Article article)
    {
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            throw await ChangedMeanwhileAsync(article.Id);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Two writers took the same address at the same moment; the later one is told.
            throw new DomainValidationException("slug", $"Đường dẫn “{article.Slug}” vừa được dùng cho một bài viết khác; hãy chọn đường dẫn khác.");
        }
        await cache.EvictAsync();
    }

    /// <summary>
    /// The address of the article: the one typed, which must be free, or one made from the title
    /// ("Hội nghị đối thoại" → "hoi-nghi-doi-thoai"), numbered when taken.
    /// </summary>
    private async Task<string> SlugAsync(string? typed, string title, int? articleId)
    {
        if (!string.IsNullOrWhiteSpace(typed))
        {
            var slug = Slugs.Of(typed);
            if (slug.Length == 0)
                throw new DomainValidationException("slug", "Đường dẫn phải có ít nhất một chữ cái hoặc chữ số.");
            var owner = await db.Articles.Where(a => a.Slug == slug && a.Id != articleId).Select(a => a.Title).FirstOrDefaultAsync();
            if (owner is not null)
                throw new DomainValidationException("slug", $"Đường dẫn “{slug}” đã dùng cho bài “{owner}”; hãy chọn đường dẫn khác.");
            return slug;
        }
        if (articleId is { } id)
        {
            // An article keeps its address when the field is left empty: links to it keep working.
            var current = await db.Articles.Where(a => a.Id == id).Select(a => a.Slug).SingleAsync();
            if (current.Length > 0) return current;
        }
        var root = Slugs.Of(title);
        if (root.Length == 0) root = "bai-viet";
        var taken = await db.Articles.Where(a => a.Slug.StartsWith(root) && a.Id != articleId).Select(a => a.Slug).ToListAsync();
        if (!taken.Contains(root)) return root;
        for (var n = 2; ; n++)
        {
            var candidate = $"{root}-{n}";
            if (!taken.Contains(candidate)) return candidate;
        }
    }
}

/// <summary>Article addresses: the title without diacritics (đ → d), lower case, words joined by hyphens.</summary>
public static class Slugs
{
    public static string Of(string text)
    {
        var folded = SearchKeys.FoldKey(text);
        var slug = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        var result = slug.ToString().Trim('-');
        if (result.Length > ArticleRules.MaxSlugLength - 6)
            result = result[..(ArticleRules.MaxSlugLength - 6)].TrimEnd('-');
        return result;
    }
}
