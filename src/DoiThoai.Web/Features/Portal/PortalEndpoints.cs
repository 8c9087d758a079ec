using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;

namespace DoiThoai.Web.Features.Portal;

/// <summary>The portal's files and machine-readable pages: photos, documents, RSS/Atom, sitemap.xml, robots.txt.</summary>
public static class PortalEndpoints
{
    private const int FeedSize = 20;

    public static void Map(WebApplication app)
    {
        app.MapGet("/Portal/Photo/{id:int}", PhotoAsync).AllowAnonymous();
        // A preference, not a change to any record: no antiforgery token (the pages carrying it are cached).
        app.MapPost("/Portal/View", Public.PortalView.Post).AllowAnonymous().DisableAntiforgery();
        app.MapGet("/Portal/Documents/{id:int}/File", DocumentAsync).AllowAnonymous();
        app.MapGet("/Portal/Feed/{format}", (string format, HttpContext context, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
            FeedAsync(null, format, context, db, clock, ct)).AllowAnonymous().CacheOutput(PortalCache.Policy);
        app.MapGet("/Portal/Feed/{category}/{format}", (string category, string format, HttpContext context, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
            FeedAsync(category, format, context, db, clock, ct)).AllowAnonymous().CacheOutput(PortalCache.Policy);
        app.MapGet("/sitemap.xml", SitemapAsync).AllowAnonymous().CacheOutput(PortalCache.Policy);
        app.MapGet("/robots.txt", (HttpContext context) => Results.Text(
            "User-agent: *\nAllow: /Portal\nDisallow: /Portal/Admin\nDisallow: /api/\nDisallow: /Account/\n" +
            $"Sitemap: {BaseUrl(context)}/sitemap.xml\n", "text/plain; charset=utf-8")).AllowAnonymous();
    }

    /// <summary>The public address of the site: <c>Notifications:BaseUrl</c> when set (behind a proxy), else the request's.</summary>
    public static string BaseUrl(HttpContext context)
    {
        var configured = context.RequestServices.GetRequiredService<IConfiguration>()["Notifications:BaseUrl"];
        return !string.IsNullOrWhiteSpace(configured)
            ? configured.TrimEnd('/')
            : $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";
    }

    public static string ArticlePath(string slug) => "/Portal/Article/" + Uri.EscapeDataString(slug);

    /// <summary>A photo of a visible article for everyone; of any article for those who may edit it.</summary>
    private static async Task<IResult> PhotoAsync(int id, AppDbContext db, TimeProvider clock, PhotoStore photos, IServiceProvider services)
    {
        var photo = await db.ArticlePhotos.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id);
        if (photo is null) return Results.NotFound();
        var now = clock.GetUtcNow().UtcDateTime;
        var visible = await PublicRecords.Articles(db, now).AnyAsync(a => a.Id == photo.ArticleId);
        if (!visible)
        {
            var workflow = services.GetRequiredService<ArticleWorkflow>();
            if (!workflow.IsWriter || !await (await workflow.ArticlesAsync()).AnyAsync(a => a.Id == photo.ArticleId))
                return Results.NotFound();
        }
        var path = photos.PathOf(photo.Sha256);
        if (!File.Exists(path)) return Results.NotFound();
        return Results.File(path, "image/jpeg", enableRangeProcessing: false,
            entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue("\"" + photo.Sha256 + "\""));
    }

    private static async Task<IResult> DocumentAsync(int id, AppDbContext db, Items.AttachmentStore files)
    {
        var document = await db.PortalDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.IsPublic);
        if (document is null || string.IsNullOrEmpty(document.Sha256)) return Results.NotFound();
        var path = files.PathOf(document.Sha256);
        if (!File.Exists(path)) return Results.NotFound();
        return Results.File(path, document.ContentType, document.FileName);
    }

    private static async Task<IResult> FeedAsync(string? categorySlug, string format, HttpContext context, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (format is not ("rss" or "atom")) return Results.NotFound();
        var now = clock.GetUtcNow().UtcDateTime;
        var articles = PublicRecords.Articles(db, now);
        var title = "Cổng thông tin — Tin mới";
        if (categorySlug is not null)
        {
            var category = await db.ArticleCategories.AsNoTracking().SingleOrDefaultAsync(c => c.Slug == categorySlug && c.IsActive, ct);
            if (category is null) return Results.NotFound();
            articles = articles.Where(a => a.CategoryId == category.Id);
            title = "Cổng thông tin — " + category.Name;
        }
        var rows = await articles.OrderByDescending(a => a.PublishAtUtc).Take(FeedSize)
            .Select(a => new { a.Title, a.Slug, a.Lead, a.AuthorName, a.PublishAtUtc, a.UpdatedAtUtc, Category = a.Category!.Name })
            .ToListAsync(ct);
        var baseUrl = BaseUrl(context);
        var feed = new SyndicationFeed(title, "Tin bài của Ban Biên Tập", new Uri(baseUrl + "/Portal"))
        {
            Language = "vi",
            Id = baseUrl + "/Portal/Feed/" + (categorySlug ?? "all"),
            LastUpdatedTime = rows.Count > 0 ? new DateTimeOffset(rows.Max(r => r.UpdatedAtUtc), TimeSpan.Zero) : new DateTimeOffset(now, TimeSpan.Zero),
            Items = rows.Select(r =>
            {
                var link = new Uri(baseUrl + ArticlePath(r.Slug));
                // RSS readers show <description> as HTML; the lead is plain text, so it is encoded once
                // more for them (a "<script>" typed in a lead stays text). Atom marks it type="text".
                var summary = format == "rss" ? System.Net.WebUtility.HtmlEncode(r.Lead) : r.Lead;
                var item = new SyndicationItem(r.Title, summary, link, link.ToString(), new DateTimeOffset(r.UpdatedAtUtc, TimeSpan.Zero))
                {
                    PublishDate = new DateTimeOffset(r.PublishAtUtc!.Value, TimeSpan.Zero),
                };
                item.Authors.Add(new SyndicationPerson { Name = r.AuthorName });
                item.Categories.Add(new SyndicationCategory(r.Category));
                return item;
            }).ToList(),
        };
        var output = new MemoryStream();
        await using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Async = true, Indent = true }))
        {
            if (format == "rss") feed.SaveAsRss20(writer);
            else feed.SaveAsAtom10(writer);
        }
        return Results.Bytes(output.ToArray(), format == "rss" ? "application/rss+xml; charset=utf-8" : "application/atom+xml; charset=utf-8");
    }

    private static async Task<IResult> SitemapAsync(HttpContext context, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var baseUrl = BaseUrl(context);
        var articles = await PublicRecords.Articles(db, now).OrderByDescending(a => a.PublishAtUtc)
            .Select(a => new { a.Slug, a.UpdatedAtUtc }).ToListAsync(ct);
        var categories = await db.ArticleCategories.Where(c => c.IsActive).OrderBy(c => c.Order).Select(c => c.Slug).ToListAsync(ct);
        var sessions = await PublicRecords.Sessions(db).OrderByDescending(s => s.StartsAtUtc).Select(s => s.Id).ToListAsync(ct);
        const string Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var output = new MemoryStream();
        await using (var w = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Async = true, Indent = true }))
        {
            w.WriteStartDocument();
            w.WriteStartElement("urlset", Sitemap);
            void Url(string path, DateTime? modified)
            {
                w.WriteStartElement("url", Sitemap);
                w.WriteElementString("loc", Sitemap, baseUrl + path);
                if (modified is { } m) w.WriteElementString("lastmod", Sitemap, m.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                w.WriteEndElement();
            }
            Url("/Portal", null);
            foreach (var slug in categories) Url("/Portal/Category/" + Uri.EscapeDataString(slug), null);
            foreach (var a in articles) Url(ArticlePath(a.Slug), a.UpdatedAtUtc);
            Url("/Portal/Transparency", null);
            foreach (var id in sessions) Url("/Portal/Sessions/" + id.ToString(CultureInfo.InvariantCulture), null);
            Url("/Portal/Documents", null);
            Url("/Portal/en/Structure", null);
            Url("/Portal/en/Contacts", null);
            w.WriteEndElement();
        }
        return Results.Bytes(output.ToArray(), "application/xml; charset=utf-8");
    }
}
