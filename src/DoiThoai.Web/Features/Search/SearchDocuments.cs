using System.Globalization;
using DoiThoai.Text;
using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Sessions;
using Lucene.Net.Documents;
using Lucene.Net.Index;

namespace DoiThoai.Web.Features.Search;

/// <summary>
/// What goes into the index, in one place: per item, per visible-or-draft answer and per session
/// conclusion a document with the text keys, the filter fields and the fields the reader's scope
/// is decided on (<see cref="SearchScope"/>). Only ids and keys are stored; pages read the text
/// from the database.
/// </summary>
public static class SearchDocuments
{
    public static class Kinds
    {
        public const string Item = "item";
        public const string Answer = "answer";
        public const string Conclusion = "conclusion";
        /// <summary>A published portal article (Features/Portal); only the public search looks for it.</summary>
        public const string Article = "article";
        /// <summary>The kinds of the staff search and its API.</summary>
        public static readonly IReadOnlyList<string> All = [Item, Answer, Conclusion];
    }

    public static class Fields
    {
        /// <summary>kind:id, unique per document (updates and deletes go by it).</summary>
        public const string Key = "key";
        public const string Kind = "kind";
        /// <summary>The item's id (item and answer documents) or the conclusion's.</summary>
        public const string Id = "id";
        public const string SessionId = "sessionId";
        public const string HostUnit = "host";
        public const string ParticipantUnit = "participant";
        public const string TermId = "termId";
        /// <summary>The session's day in Vietnam as yyyyMMdd.</summary>
        public const string Date = "date";
        public const string TopicId = "topicId";
        public const string Status = "status";
        public const string Confidentiality = "confidentiality";
        public const string RaisedBy = "raisedBy";
        /// <summary>Lead and co-operating units of every assignment the item ever had.</summary>
        public const string LeadUnit = "lead";
        public const string CoUnit = "co";
        /// <summary>Lead and co-operating units of the current assignment (they see draft answers).</summary>
        public const string CurrentLeadUnit = "curLead";
        public const string CurrentCoUnit = "curCo";
        /// <summary>"1" on an answer that is final, or a conclusion that is issued: readable beyond the office.</summary>
        public const string Final = "final";
        /// <summary>An article's publish time in UTC ticks: readers find it once that time has come.</summary>
        public const string PublishAt = "publishAt";
        public const string Tone = "tone";
        public const string Fold = "fold";
    }

    public const string Yes = "1";

    public static string Key(string kind, int id) => kind + ":" + Number(id);

    public static string Number(int id) => id.ToString(CultureInfo.InvariantCulture);

    public static int DateKey(DateOnly day) => day.Year * 10_000 + day.Month * 100 + day.Day;

    public sealed record SessionFacts(int Id, int HostUnitId, int? ParticipantUnitId, int? TermId, DateTime StartsAtUtc, SessionStatus Status);

    public sealed record AssignmentFacts(int Id, DateTime AssignedAtUtc, int LeadUnitId, List<int> CoUnitIds);

    public sealed record ItemSource(int Id, int SessionId, int? TopicId, ItemStatus Status, Confidentiality Confidentiality,
        int? RaisedByPersonId, string Text, string? Answer, List<AssignmentFacts> Assignments)
    {
        public AssignmentFacts? Current => SearchDocuments.Current(Assignments);
    }

    /// <summary>The latest assignment, as <see cref="Item.CurrentAssignment"/> picks it.</summary>
    public static AssignmentFacts? Current(IEnumerable<AssignmentFacts> assignments) =>
        assignments.OrderByDescending(a => a.AssignedAtUtc).ThenByDescending(a => a.Id).FirstOrDefault();

    public sealed record ConclusionSource(int Id, int SessionId, string Text);

    /// <summary>The item document. Other features add their own fields here, so every path that indexes an item gets them.</summary>
    public static Document ItemDocument(ItemSource item, SessionFacts session)
    {
        var tokens = Tokens.Of(item.Text);
        var doc = Common(Kinds.Item, item.Id, session, tokens);
        AddItemFields(doc, item);
        Similar.NearCopyBands.Add(doc, item.Id, tokens.FoldSyllables);
        return doc;
    }

    /// <summary>The answer as its own hit, readable by the item's readers once final, and by those working on it before.</summary>
    public static Document? AnswerDocument(ItemSource item, SessionFacts session)
    {
        if (string.IsNullOrWhiteSpace(item.Answer)) return null;
        var doc = Common(Kinds.Answer, item.Id, session, item.Answer);
        AddItemFields(doc, item);
        if (ItemWorkflow.IsSettledAnswer(item.Status, item.Answer)) doc.Add(Exact(Fields.Final, Yes));
        if (item.Current is { } current)
        {
            doc.Add(Exact(Fields.CurrentLeadUnit, Number(current.LeadUnitId)));
            foreach (var co in current.CoUnitIds) doc.Add(Exact(Fields.CurrentCoUnit, Number(co)));
        }
        return doc;
    }

    public static Document ConclusionDocument(ConclusionSource conclusion, SessionFacts session)
    {
        var doc = Common(Kinds.Conclusion, conclusion.Id, session, conclusion.Text);
        if (session.Status is SessionStatus.ConclusionsIssued or SessionStatus.FollowingUp or SessionStatus.Closed)
            doc.Add(Exact(Fields.Final, Yes));
        return doc;
    }

    public sealed record ArticleSource(int Id, int? SessionId, string Title, string Lead, string BodyMarkdown, string AuthorName, DateTime PublishAtUtc);

    /// <summary>A published article: its title, lead, body text and author as one text, and its publish time.</summary>
    public static Document ArticleDocument(ArticleSource article)
    {
        var tokens = Tokens.Of(string.Join('\n', article.Title, article.Lead, Portal.ArticleBody.PlainText(article.BodyMarkdown), article.AuthorName));
        return new Document
        {
            Exact(Fields.Key, Key(Kinds.Article, article.Id)),
            Stored(Fields.Kind, Kinds.Article),
            Stored(Fields.Id, Number(article.Id)),
            Stored(Fields.SessionId, Number(article.SessionId ?? 0)),
            new Int64Field(Fields.PublishAt, article.PublishAtUtc.Ticks, Field.Store.NO),
            new Field(Fields.Tone, string.Join(' ', tokens.ToneSyllables), Syllables),
            new Field(Fields.Fold, string.Join(' ', tokens.FoldSyllables), Syllables),
        };
    }

    /// <summary>The published articles chosen by <paramref name="filter"/> (unpublished ones are never indexed).</summary>
    public static Task<List<ArticleSource>> ArticlesAsync(AppDbContext db, Func<IQueryable<Portal.Article>, IQueryable<Portal.Article>> filter, CancellationToken ct) =>
        filter(db.Articles.AsNoTracking().Where(a => a.Status == Portal.ArticleStatus.Published && a.PublishAtUtc != null))
            .Select(a => new ArticleSource(a.Id, a.SessionId, a.Title, a.Lead, a.BodyMarkdown, a.AuthorName, a.PublishAtUtc!.Value))
            .ToListAsync(ct);

    private static Document Common(string kind, int id, SessionFacts session, string text) => Common(kind, id, session, Tokens.Of(text));

    private static Document Common(string kind, int id, SessionFacts session, SearchTokens tokens)
    {
        var doc = new Document
        {
            Exact(Fields.Key, Key(kind, id)),
            Stored(Fields.Kind, kind),
            new StoredField(Fields.Id, Number(id)),
            Stored(Fields.SessionId, Number(session.Id)),
            Exact(Fields.HostUnit, Number(session.HostUnitId)),
            new Int32Field(Fields.Date, DateKey(VietnamTime.DateOf(session.StartsAtUtc)), DateType),
            new Field(Fields.Tone, string.Join(' ', tokens.ToneSyllables), ToneSyllables),
            new Field(Fields.Fold, string.Join(' ', tokens.FoldSyllables), Syllables),
        };
        if (session.ParticipantUnitId is { } participant) doc.Add(Exact(Fields.ParticipantUnit, Number(participant)));
        if (session.TermId is { } term) doc.Add(Exact(Fields.TermId, Number(term)));
        return doc;
    }

    private static void AddItemFields(Document doc, ItemSource item)
    {
        doc.Add(Exact(Fields.Status, item.Status.ToString()));
        doc.Add(Exact(Fields.Confidentiality, item.Confidentiality.ToString()));
        if (item.TopicId is { } topic) doc.Add(Exact(Fields.TopicId, Number(topic)));
        if (item.RaisedByPersonId is { } person) doc.Add(Exact(Fields.RaisedBy, Number(person)));
        foreach (var lead in item.Assignments.Select(a => a.LeadUnitId).Distinct()) doc.Add(Exact(Fields.LeadUnit, Number(lead)));
        foreach (var co in item.Assignments.SelectMany(a => a.CoUnitIds).Distinct()) doc.Add(Exact(Fields.CoUnit, Number(co)));
    }

    /// <summary>
    /// Syllable fields keep document and frequency but no positions: every query over them is made of
    /// single-syllable terms (never phrases), so positions would only grow the index (issue 4 caps it
    /// at half the raw text).
    /// </summary>
    private static readonly FieldType Syllables = Frozen(new FieldType(TextField.TYPE_NOT_STORED) { IndexOptions = IndexOptions.DOCS_AND_FREQS });

    /// <summary>
    /// Tone syllables are never scored, only looked up (does the document have "nghị" as typed?,
    /// <see cref="SyllableQuery"/>): documents only, no frequencies, no length norms.
    /// </summary>
    private static readonly FieldType ToneSyllables = Frozen(new FieldType(TextField.TYPE_NOT_STORED) { IndexOptions = IndexOptions.DOCS_ONLY, OmitNorms = true });

    /// <summary>
    /// Exact values (ids, states): one term per whitespace-free value, like StringField,
    /// but passed through the writer's whitespace analyzer. StringField builds a new token stream for
    /// every field of every document, and profiling a rebuild showed that, not the text, was most of
    /// the work; the analyzer's stream is reused per thread. Several values may share one field, space-separated.
    /// </summary>
    public static readonly FieldType Keyword = Frozen(new FieldType
    {
        IsIndexed = true,
        IsTokenized = true,
        OmitNorms = true,
        IndexOptions = IndexOptions.DOCS_ONLY,
    });

    /// <summary>
    /// The day as one term (no trie terms for ranges): a range over dates walks at most a few thousand
    /// distinct days, and eight terms per document made this field a tenth of the index.
    /// </summary>
    public const int DatePrecisionStep = int.MaxValue;

    private static readonly FieldType DateType = Frozen(new FieldType(Int32Field.TYPE_NOT_STORED) { NumericPrecisionStep = DatePrecisionStep });

    private static readonly FieldType StoredKeyword = Frozen(new FieldType(Keyword) { IsStored = true });

    private static FieldType Frozen(FieldType type)
    {
        type.Freeze();
        return type;
    }

    private static Field Exact(string field, string value) => new(field, value, Keyword);

    private static Field Stored(string field, string value) => new(field, value, StoredKeyword);

    public static Term KeyTerm(string kind, int id) => new(Fields.Key, Key(kind, id));

    /// <summary>The facts of the sessions with the given ids (null: all), keyed by id.</summary>
    public static Task<Dictionary<int, SessionFacts>> SessionsAsync(AppDbContext db, IReadOnlyCollection<int>? ids, CancellationToken ct) =>
        db.Sessions.AsNoTracking().Where(s => ids == null || ids.Contains(s.Id))
            .Select(s => new SessionFacts(s.Id, s.HostUnitId, s.ParticipantUnitId, s.TermId, s.StartsAtUtc, s.Status))
            .ToDictionaryAsync(s => s.Id, ct);

    /// <summary>The items chosen by <paramref name="filter"/> with their assignments: two queries.</summary>
    public static async Task<List<ItemSource>> ItemsAsync(AppDbContext db, Func<IQueryable<Item>, IQueryable<Item>> filter, CancellationToken ct)
    {
        var rows = await filter(db.Items.AsNoTracking())
            .Select(i => new { i.Id, i.SessionId, i.TopicId, i.Status, i.Confidentiality, i.RaisedByPersonId, i.Text, i.Answer })
            .ToListAsync(ct);
        if (rows.Count == 0) return [];
        var ids = rows.Select(r => r.Id).ToList();
        var assignments = (await db.Assignments.AsNoTracking().Where(a => ids.Contains(a.ItemId))
            .Select(a => new { a.ItemId, Facts = new AssignmentFacts(a.Id, a.AssignedAtUtc, a.LeadUnitId, a.CoUnits.Select(c => c.OrgUnitId).ToList()) })
            .ToListAsync(ct)).ToLookup(a => a.ItemId, a => a.Facts);
        return rows.Select(r => new ItemSource(r.Id, r.SessionId, r.TopicId, r.Status, r.Confidentiality, r.RaisedByPersonId, r.Text, r.Answer,
            assignments[r.Id].ToList())).ToList();
    }

    public static Task<List<ConclusionSource>> ConclusionsAsync(AppDbContext db, Func<IQueryable<Conclusion>, IQueryable<Conclusion>> filter, CancellationToken ct) =>
        filter(db.Conclusions.AsNoTracking()).Select(c => new ConclusionSource(c.Id, c.SessionId, c.Text)).ToListAsync(ct);
}
