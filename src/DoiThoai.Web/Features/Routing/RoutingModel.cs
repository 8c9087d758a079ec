using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DoiThoai.Web.Features.Routing;

/// <summary>
/// A trained routing model, kept in the database so that every app node suggests with the same one
/// (ADR 0010). Retraining adds a row and removes the older ones; the newest row is the model.
/// </summary>
public sealed class RoutingModel
{
    public int Id { get; private set; }
    public DateTime TrainedAtUtc { get; private set; }
    public string? TrainedBy { get; private set; }
    /// <summary>Items with a topic the topic model learnt from.</summary>
    public int TopicItemCount { get; private set; }
    /// <summary>Cross-validated share of items whose topic the model put first.</summary>
    public double TopicAccuracy { get; private set; }
    public byte[] TopicModel { get; private set; } = [];
    /// <summary>Assigned items the lead-unit model learnt from (0 when there were too few).</summary>
    public int UnitItemCount { get; private set; }
    public double? UnitAccuracy { get; private set; }
    public byte[]? UnitModel { get; private set; }

    private RoutingModel() { }

    internal RoutingModel(DateTime trainedAtUtc, string? trainedBy, TrainedPart topic, TrainedPart? unit)
    {
        TrainedAtUtc = trainedAtUtc;
        TrainedBy = trainedBy;
        TopicItemCount = topic.ItemCount;
        TopicAccuracy = topic.Accuracy;
        TopicModel = topic.Classifier.Save();
        UnitItemCount = unit?.ItemCount ?? 0;
        UnitAccuracy = unit?.Accuracy;
        UnitModel = unit?.Classifier.Save();
    }
}

/// <summary>One of the two classifiers with what it was trained on and how well it did held out.</summary>
internal sealed record TrainedPart(TextClassifier Classifier, int ItemCount, double Accuracy);

internal sealed class RoutingModelConfiguration : IEntityTypeConfiguration<RoutingModel>
{
    public void Configure(EntityTypeBuilder<RoutingModel> b)
    {
        b.ToTable("RoutingModels");
        b.Property(m => m.TrainedBy).HasMaxLength(256);
    }
}
