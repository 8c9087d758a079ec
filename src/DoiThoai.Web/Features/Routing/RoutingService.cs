namespace DoiThoai.Web.Features.Routing;

/// <summary>A proposed topic or lead unit with the model's probability for it.</summary>
public sealed record SuggestedChoice(int Id, string Name, double Confidence);

/// <summary>What the office sees; <see cref="LeadUnit"/> is null while too few items were assigned.</summary>
public sealed record RoutingSuggestion(SuggestedChoice? Topic, SuggestedChoice? LeadUnit);

/// <summary>When and from how much history the current model was trained.</summary>
public sealed record RoutingModelInfo(
    DateTime TrainedAtUtc, string? TrainedBy, int TopicItemCount, double TopicAccuracy, int UnitItemCount, double? UnitAccuracy);

/// <summary>
/// Routing suggestion (gợi ý phân loại): trains a topic model and a lead-unit model from the
/// organisation's own labelled items and proposes both for a new text. A person always confirms:
/// nothing here writes to an item.
/// </summary>
public sealed class RoutingService(AppDbContext db, RoutingModelCache cache, TimeProvider clock)
{
    /// <summary>Below this many labelled items a model would only repeat the most common label.</summary>
    public const int MinimumItems = 8;
    public const int MaxTextLength = Items.ItemRules.MaxTextLength;

    /// <summary>Held out in turn; with very large histories one 20% hold-out is enough and much faster.</summary>
    private const int Folds = 5;
    private const int FullCrossValidationLimit = 5_000;

    public Task<RoutingModelInfo?> CurrentAsync(CancellationToken ct = default) =>
        db.RoutingModels.AsNoTracking().OrderByDescending(m => m.Id)
            .Select(m => new RoutingModelInfo(m.TrainedAtUtc, m.TrainedBy, m.TopicItemCount, m.TopicAccuracy, m.UnitItemCount, m.UnitAccuracy))
            .FirstOrDefaultAsync(ct);

    /// <summary>Trains on every item with a topic (and every assigned item) and replaces the stored model.</summary>
    public async Task<RoutingModelInfo> TrainAsync(string? trainedBy, CancellationToken ct = default)
    {
        var topics = await db.Items.AsNoTracking().Where(i => i.TopicId != null).OrderBy(i => i.Id)
            .Select(i => new Example(i.Text, i.TopicId!.Value)).ToListAsync(ct);
        var units = await db.Items.AsNoTracking().Where(i => i.Assignments.Any()).OrderBy(i => i.Id)
            .Select(i => new Example(i.Text, i.Assignments.OrderByDescending(a => a.Id).Select(a => a.LeadUnitId).First()))
            .ToListAsync(ct);
        if (!Enough(topics))
            throw new DomainValidationException("history",
                $"Chưa đủ dữ liệu để huấn luyện: cần ít nhất {MinimumItems} ý kiến đã phân loại lĩnh vực, thuộc ít nhất 2 lĩnh vực (hiện có {topics.Count}).");
        var model = new RoutingModel(clock.GetUtcNow().UtcDateTime, trainedBy, Fit(topics), Enough(units) ? Fit(units) : null);
        // The new row first, then the old ones go: a suggestion meanwhile finds one model or the other, never none.
        db.RoutingModels.Add(model);
        await db.SaveChangesAsync(ct);
        await db.RoutingModels.Where(m => m.Id < model.Id).ExecuteDeleteAsync(ct);
        return (await CurrentAsync(ct))!;
    }

    /// <summary>Null when no model has been trained yet.</summary>
    public async Task<RoutingSuggestion?> SuggestAsync(string text, CancellationToken ct = default)
    {
        if (await cache.CurrentAsync(db, ct) is not { } model) return null;
        var topicScores = model.Topic.Predict(text);
        var topicNames = await db.Topics.AsNoTracking().Where(t => t.IsActive).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var topic = Best(topicScores, topicNames);
        SuggestedChoice? unit = null;
        if (model.Unit is { } unitModel)
        {
            var unitScores = unitModel.Predict(text);
            var ids = unitScores.Select(s => int.Parse(s.Label, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            // A unit that has ceased (the 2025 restructuring) is not proposed, only units that exist today.
            var today = VietnamTime.Today(clock.GetUtcNow().UtcDateTime);
            var unitNames = await db.OrgUnits.AsNoTracking()
                .Where(u => ids.Contains(u.Id) && u.ValidFrom <= today && (u.ValidTo == null || today <= u.ValidTo))
                .ToDictionaryAsync(u => u.Id, u => u.Name, ct);
            unit = Best(unitScores, unitNames);
        }
        return new RoutingSuggestion(topic, unit);
    }

    /// <summary>The most likely label still in use (a topic taken out of use or a ceased unit is skipped).</summary>
    private static SuggestedChoice? Best(IReadOnlyList<LabelScore> scores, Dictionary<int, string> names) =>
        scores.Select(s => (Id: int.Parse(s.Label, System.Globalization.CultureInfo.InvariantCulture), s.Confidence))
            .Where(s => names.ContainsKey(s.Id))
            .Select(s => new SuggestedChoice(s.Id, names[s.Id], Math.Round(s.Confidence, 4)))
            .FirstOrDefault();

    private sealed record Example(string Text, int Label);

    private static bool Enough(List<Example> examples) =>
        examples.Count >= MinimumItems && examples.Select(e => e.Label).Distinct().Count() >= 2;

    private static TrainedPart Fit(List<Example> examples)
    {
        var texts = examples.Select(e => e.Text).ToList();
        var labels = examples.Select(e => e.Label.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var folds = examples.Count <= FullCrossValidationLimit ? Folds : 1;
        int tested = 0, correct = 0;
        for (var fold = 0; fold < folds; fold++)
        {
            var held = Enumerable.Range(0, examples.Count).Where(i => i % Folds == fold).ToHashSet();
            var trainTexts = texts.Where((_, i) => !held.Contains(i)).ToList();
            var trainLabels = labels.Where((_, i) => !held.Contains(i)).ToList();
            if (trainLabels.Distinct().Count() < 2) continue;
            var classifier = TextClassifier.Train(trainTexts, trainLabels);
            foreach (var i in held)
            {
                tested++;
                if (classifier.Predict(texts[i])[0].Label == labels[i]) correct++;
            }
        }
        return new TrainedPart(TextClassifier.Train(texts, labels), examples.Count, tested == 0 ? 0 : (double)correct / tested);
    }
}

/// <summary>
/// The loaded classifiers of the newest stored model, shared by the requests of this node. Each
/// suggestion checks the newest model id (one indexed lookup), so a model retrained on another
/// node is picked up by the next request here.
/// </summary>
public sealed class RoutingModelCache
{
    public sealed record Loaded(int Id, TextClassifier Topic, TextClassifier? Unit);

    private Loaded? current;

    public async Task<Loaded?> CurrentAsync(AppDbContext db, CancellationToken ct)
    {
        var id = await db.RoutingModels.OrderByDescending(m => m.Id).Select(m => (int?)m.Id).FirstOrDefaultAsync(ct);
        if (id is null) return null;
        if (current is { } loaded && loaded.Id == id) return loaded;
        var row = await db.RoutingModels.AsNoTracking().SingleAsync(m => m.Id == id, ct);
        var fresh = new Loaded(row.Id, TextClassifier.Load(row.TopicModel), row.UnitModel is null ? null : TextClassifier.Load(row.UnitModel));
        current = fresh;
        return fresh;
    }
}

/// <summary>What the item form's suggestion partial shows: a suggestion, or why there is none.</summary>
public sealed record RoutingSuggestionView(RoutingSuggestion? Suggestion, string? Message)
{
    public static RoutingSuggestionView None { get; } = new(null, null);

    public static async Task<RoutingSuggestionView> ForAsync(RoutingService routing, string? text, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text)) return new(null, "Cần nhập nội dung ý kiến để gợi ý.");
        if (text.Length > RoutingService.MaxTextLength) return new(null, "Nội dung quá dài để gợi ý.");
        return await routing.SuggestAsync(text, ct) is { } suggestion
            ? new(suggestion, suggestion.Topic is null ? "Không có lĩnh vực nào đang sử dụng để gợi ý." : null)
            : new(null, RoutingApi.NoModelMessage);
    }
}
