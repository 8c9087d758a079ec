using DoiThoai.Web.Features.Organisation;

namespace DoiThoai.Web.Features.Portal;

public enum ArticleStatus { Draft, InReview, Published, Unpublished }

/// <summary>
/// A news article of the public portal. Its status changes only through the methods below, each of
/// which checks the current state and keeps a revision row (a copy of the text as it then was), so
/// the editors can see who changed what and nothing written is ever lost.
/// Readers see it while it is <see cref="ArticleStatus.Published"/> and its publish time has come.
/// </summary>
public sealed class Article
{
    public static class Actions
    {
        public const string Create = "create";
        public const string Edit = "edit";
        public const string Submit = "submit";
        public const string SendBack = "send-back";
        public const string Publish = "publish";
        public const string Unpublish = "unpublish";
        public const string AddPhoto = "add-photo";
        public const string RemovePhoto = "remove-photo";
    }

    /// <summary>How far in the past a publish time may lie: the form took a few minutes to fill in.</summary>
    public static readonly TimeSpan PublishTolerance = TimeSpan.FromMinutes(5);
    /// <summary>How far ahead a publication may be scheduled.</summary>
    public static readonly TimeSpan MaxSchedule = TimeSpan.FromDays(365);

    public const string DefaultCreator = "Ban Biên Tập";

    public int Id { get; private set; }
    public int CategoryId { get; private set; }
    public ArticleCategory? Category { get; private set; }
    public string Title { get; private set; } = "";
    public string Slug { get; private set; } = "";
    public string Lead { get; private set; } = "";
    /// <summary>What the writer typed (Markdown, optionally with simple HTML).</summary>
    public string BodyMarkdown { get; private set; } = "";
    /// <summary>The body rendered and sanitised when it was saved; the only form ever sent to readers.</summary>
    public string BodyHtml { get; private set; } = "";
    public string AuthorName { get; private set; } = "";
    public string CreatorName { get; private set; } = DefaultCreator;
    public int OwnerUnitId { get; private set; }
    public OrgUnit? OwnerUnit { get; private set; }
    /// <summary>The session the article reports on, when it was made from one.</summary>
    public int? SessionId { get; private set; }
    public bool IsFeatured { get; private set; }
    public ArticleStatus Status { get; private set; }
    /// <summary>When readers see it (set on publishing; may be in the future: a scheduled publication).</summary>
    public DateTime? PublishAtUtc { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }
    public string CreatedByUserId { get; private set; } = "";
    /// <summary>The number of the last revision row; the next change writes Version + 1 without loading the rows.</summary>
    public int Version { get; private set; }

    public List<ArticlePhoto> Photos { get; private set; } = [];
    public List<ArticleRevision> Revisions { get; private set; } = [];

    private Article() { }

    public static Article Create(ArticleContent content, string slug, int ownerUnitId, int? sessionId, Actor actor, DateTime nowUtc)
    {
        var article = new Article
        {
            Status = ArticleStatus.Draft,
            OwnerUnitId = ownerUnitId,
            SessionId = sessionId,
            CreatedAtUtc = nowUtc,
            CreatedByUserId = actor.UserId ?? "",
        };
        article.Apply(content, slug, nowUtc);
        article.Record(Actions.Create, actor, nowUtc, null);
        return article;
    }

    public IReadOnlyList<string> AllowedActions() => Status switch
    {
        ArticleStatus.Draft => [Actions.Edit, Actions.Submit, Actions.Publish],
        ArticleStatus.InReview => [Actions.Edit, Actions.SendBack, Actions.Publish],
        ArticleStatus.Published => [Actions.Edit, Actions.Unpublish],
        ArticleStatus.Unpublished => [Actions.Edit, Actions.Submit, Actions.Publish],
    };

    public bool Can(string action) => AllowedActions().Contains(action);

    public bool IsVisibleAt(DateTime nowUtc) => Status == ArticleStatus.Published && PublishAtUtc <= nowUtc;

    /// <summary>Changes the text. A published article stays published: readers see the correction at once.</summary>
    public void Edit(ArticleContent content, string slug, Actor actor, DateTime nowUtc)
    {
        EnsureCan(Actions.Edit);
        Apply(content, slug, nowUtc);
        Record(Actions.Edit, actor, nowUtc, null);
    }

    public void Submit(Actor actor, DateTime nowUtc) => MoveTo(Actions.Submit, ArticleStatus.InReview, actor, nowUtc, null);

    public void SendBack(string? note, Actor actor, DateTime nowUtc) =>
        MoveTo(Actions.SendBack, ArticleStatus.Draft, actor, nowUtc, note?.Trim());

    /// <summary>
    /// Publishes now or at <paramref name="publishAtUtc"/>. The caller has checked that the actor is an
    /// editor. A time more than a few minutes past would back-date the news; more than a year ahead is a typo.
    /// </summary>
    public void Publish(DateTime? publishAtUtc, Actor actor, DateTime nowUtc)
    {
        EnsureCan(Actions.Publish);
        var at = publishAtUtc is { } requested ? DateTime.SpecifyKind(requested, DateTimeKind.Utc) : nowUtc;
        if (at < nowUtc - PublishTolerance)
            throw new DomainValidationException("publishAt", "Thời điểm đăng đã qua; hãy để trống để đăng ngay hoặc chọn một thời điểm sắp tới.");
        if (at > nowUtc + MaxSchedule)
            throw new DomainValidationException("publishAt", "Chỉ hẹn giờ đăng trong vòng một năm tới.");
        if (at < nowUtc) at = nowUtc;
        PublishAtUtc = at;
        MoveTo(Actions.Publish, ArticleStatus.Published, actor, nowUtc, at > nowUtc ? "scheduled" : null);
    }

    public void Unpublish(string? reason, Actor actor, DateTime nowUtc) =>
        MoveTo(Actions.Unpublish, ArticleStatus.Unpublished, actor, nowUtc, reason?.Trim());

    public ArticlePhoto AddPhoto(StoredPhoto photo, string? altText, string? caption, Actor actor, DateTime nowUtc)
    {
        EnsureCan(Actions.Edit);
        var alt = Check.Required(altText, "altText", "Mô tả ảnh (cho người không xem được ảnh)", ArticleRules.MaxAltLength);
        var text = Check.Required(caption, "caption", "Chú thích ảnh", ArticleRules.MaxCaptionLength);
        if (Photos.Count >= ArticleRules.MaxPhotos)
            throw new DomainValidationException("photo", $"Mỗi bài viết có tối đa {ArticleRules.MaxPhotos} ảnh.");
        var added = new ArticlePhoto
        {
            Sha256 = photo.Sha256, Width = photo.Width, Height = photo.Height, Length = photo.Length,
            AltText = alt, Caption = text, Order = Photos.Count == 0 ? 1 : Photos.Max(p => p.Order) + 1,
        };
        Photos.Add(added);
        UpdatedAtUtc = nowUtc;
        Record(Actions.AddPhoto, actor, nowUtc, text);
        return added;
    }

    public void RemovePhoto(int photoId, Actor actor, DateTime nowUtc)
    {
        EnsureCan(Actions.Edit);
        var photo = Photos.SingleOrDefault(p => p.Id == photoId) ?? throw new NotFoundException("Không tìm thấy ảnh.");
        Photos.Remove(photo);
        UpdatedAtUtc = nowUtc;
        Record(Actions.RemovePhoto, actor, nowUtc, photo.Caption);
    }

    private void Apply(ArticleContent c, string slug, DateTime nowUtc)
    {
        CategoryId = c.CategoryId;
        Title = c.Title;
        Slug = slug;
        Lead = c.Lead;
        BodyMarkdown = c.BodyMarkdown;
        BodyHtml = c.BodyHtml;
        AuthorName = c.AuthorName;
        CreatorName = string.IsNullOrWhiteSpace(c.CreatorName) ? DefaultCreator : c.CreatorName;
        IsFeatured = c.IsFeatured;
        UpdatedAtUtc = nowUtc;
    }

    private void MoveTo(string action, ArticleStatus to, Actor actor, DateTime nowUtc, string? note)
    {
        EnsureCan(action);
        Status = to;
        UpdatedAtUtc = nowUtc;
        Record(action, actor, nowUtc, note);
    }

    private void Record(string action, Actor actor, DateTime nowUtc, string? note) =>
        Revisions.Add(new ArticleRevision
        {
            Number = ++Version,
            AtUtc = nowUtc, ActorUserId = actor.UserId, ActorName = actor.Name, Action = action,
            Status = Status, Title = Title, Lead = Lead, BodyMarkdown = BodyMarkdown,
            Note = note is { Length: > ArticleRules.MaxNoteLength } ? note[..ArticleRules.MaxNoteLength] : note,
        });

    private void EnsureCan(string action)
    {
        if (!Can(action)) throw new WorkflowException(action, Status.ToString(), AllowedActions());
    }
}

/// <summary>The checked text of an article as the form or the session draft gives it.</summary>
public sealed record ArticleContent(
    int CategoryId, string Title, string Lead, string BodyMarkdown, string BodyHtml,
    string AuthorName, string? CreatorName, bool IsFeatured);

public static class ArticleRules
{
    public const int MaxTitleLength = 300;
    public const int MaxSlugLength = 160;
    public const int MaxLeadLength = 1_000;
    public const int MaxBodyLength = 100_000;
    public const int MaxNameLength = 200;
    public const int MaxAltLength = 300;
    public const int MaxCaptionLength = 500;
    public const int MaxNoteLength = 1_000;
    public const int MaxPhotos = 20;
}

/// <summary>A portal menu entry (Tin hoạt động, Hội nghị đối thoại …); data, seeded by the Portal migration.</summary>
public sealed class ArticleCategory
{
    public int Id { get; set; }
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public string NameEn { get; set; } = "";
    public int Order { get; set; }
    public bool IsActive { get; set; } = true;
}

/// <summary>A photo of an article: the web-sized file (stored by SHA-256), its alt text and caption.</summary>
public sealed class ArticlePhoto
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public string Sha256 { get; set; } = "";
    public int Width { get; set; }
    public int Height { get; set; }
    public long Length { get; set; }
    public string AltText { get; set; } = "";
    public string Caption { get; set; } = "";
    public int Order { get; set; }
}

/// <summary>One append-only row per change: who, when, the action and the text as it was after it.</summary>
public sealed class ArticleRevision
{
    public long Id { get; set; }
    public int ArticleId { get; set; }
    public int Number { get; set; }
    public DateTime AtUtc { get; set; }
    public string? ActorUserId { get; set; }
    public string ActorName { get; set; } = "";
    public string Action { get; set; } = "";
    public ArticleStatus Status { get; set; }
    public string Title { get; set; } = "";
    public string Lead { get; set; } = "";
    public string BodyMarkdown { get; set; } = "";
    public string? Note { get; set; }
}

/// <summary>A public document of the committee (number, date, summary, file) for the document library page.</summary>
public sealed class PortalDocument
{
    public int Id { get; set; }
    public string Number { get; set; } = "";
    public DateOnly IssuedOn { get; set; }
    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public string Sha256 { get; set; } = "";
    public long Length { get; set; }
    public bool IsPublic { get; set; } = true;
}
