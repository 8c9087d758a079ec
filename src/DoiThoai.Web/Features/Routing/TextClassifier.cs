using System.Text;
using System.Text.Json;
using DoiThoai.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace DoiThoai.Web.Features.Routing;

/// <summary>One label with the model's probability for it.</summary>
public sealed record LabelScore(string Label, float Confidence);

/// <summary>
/// A linear text classifier (ADR 0010): syllables and syllable bigrams of the tone-key and of the
/// fold-key from <see cref="Tokens"/> (the fold-key ones so that text typed without diacritics still
/// matches), weighted by log-count and L2-normalised, then ML.NET's SDCA maximum-entropy trainer on
/// one thread with a fixed seed, so the same history always gives the same model. Trigrams,
/// character n-grams and IDF were measured and did not help; they stay as options for the record.
/// </summary>
public sealed class TextClassifier
{
    private const int FormatVersion = 1;
    // A context per training, not one shared: its random generator (SDCA shuffles with it) would
    // otherwise carry on from earlier trainings in the same process and break determinism.
    private static MLContext NewContext() => new(seed: 1);

    private readonly ClassifierOptions options;
    private readonly string[] labels;
    private readonly Dictionary<string, int> vocabulary;
    private readonly float[] idf;
    private readonly ITransformer model;
    private readonly DataViewSchema inputSchema;
    private readonly PredictionEngine<Row, Output> engine;

    private TextClassifier(ClassifierOptions options, string[] labels, Dictionary<string, int> vocabulary, float[] idf, ITransformer model, DataViewSchema inputSchema)
    {
        this.options = options;
        this.labels = labels;
        this.vocabulary = vocabulary;
        this.idf = idf;
        this.model = model;
        this.inputSchema = inputSchema;
        engine = NewContext().Model.CreatePredictionEngine<Row, Output>(model, inputSchemaDefinition: Schema(labels.Length, idf.Length));
    }

    public IReadOnlyList<string> Labels => labels;

    /// <summary>Trains on parallel lists of texts and labels (at least two distinct labels).</summary>
    public static TextClassifier Train(IReadOnlyList<string> texts, IReadOnlyList<string> labels, ClassifierOptions? options = null)
    {
        options ??= ClassifierOptions.Default;
        if (texts.Count != labels.Count) throw new ArgumentException("texts and labels differ in length");
        var labelNames = labels.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (labelNames.Length < 2) throw new ArgumentException("at least two labels are needed");
        var labelIndex = labelNames.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);

        var documents = texts.Select(t => Count(t, options)).ToList();
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var doc in documents)
            foreach (var key in doc.Keys)
                df[key] = df.GetValueOrDefault(key) + 1;
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var idfList = new List<float>();
        // Ordinal order, not dictionary order: the feature numbering must not depend on hashing.
        foreach (var (key, count) in df.Where(p => p.Value >= options.MinDocumentFrequency).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            vocabulary[key] = idfList.Count;
            idfList.Add(options.Idf ? (float)(Math.Log((documents.Count + 1.0) / (count + 1.0)) + 1.0) : 1f);
        }
        var idf = idfList.ToArray();

        var rows = documents.Select((doc, i) => new Row
        {
            // LoadFromEnumerable reads a key field 0-based (slot i of the score is labelNames[i]).
            Label = (uint)labelIndex[labels[i]],
            Features = Vector(doc, vocabulary, idf),
        });
        var ml = NewContext();
        var data = ml.Data.LoadFromEnumerable(rows, Schema(labelNames.Length, idf.Length));
        var trainer = options.Trainer switch
        {
            ClassifierTrainer.Sdca => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
            {
                NumberOfThreads = 1,
                L2Regularization = options.L2,
                MaximumNumberOfIterations = options.Iterations,
            }),
            ClassifierTrainer.Lbfgs => (IEstimator<ITransformer>)ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                NumberOfThreads = 1,
                L2Regularization = options.L2,
                L1Regularization = 0,
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(options)),
        };
        var model = trainer.Fit(data);
        return new TextClassifier(options, labelNames, vocabulary, idf, model, data.Schema);
    }

    /// <summary>Every label with its probability, most likely first.</summary>
    public IReadOnlyList<LabelScore> Predict(string text)
    {
        float[] scores;
        lock (engine)
            scores = engine.Predict(new Row { Features = Vector(Count(text, options), vocabulary, idf) }).Score;
        return scores.Select((s, i) => new LabelScore(labels[i], s)).OrderByDescending(s => s.Confidence).ToList();
    }

    public byte[] Save()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(FormatVersion);
            writer.Write(JsonSerializer.Serialize(options));
            writer.Write(labels.Length);
            foreach (var label in labels) writer.Write(label);
            writer.Write(idf.Length);
            foreach (var (key, index) in vocabulary.OrderBy(p => p.Value))
            {
                writer.Write(key);
                writer.Write(idf[index]);
            }
            using var modelStream = new MemoryStream();
            NewContext().Model.Save(model, inputSchema, modelStream);
            writer.Write(modelStream.Length);
            writer.Write(modelStream.ToArray());
        }
        return stream.ToArray();
    }

    public static TextClassifier Load(byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        if (reader.ReadInt32() != FormatVersion) throw new InvalidDataException("unknown classifier format");
        var options = JsonSerializer.Deserialize<ClassifierOptions>(reader.ReadString()) ?? ClassifierOptions.Default;
        var labels = new string[reader.ReadInt32()];
        for (var i = 0; i < labels.Length; i++) labels[i] = reader.ReadString();
        var idf = new float[reader.ReadInt32()];
        var vocabulary = new Dictionary<string, int>(idf.Length, StringComparer.Ordinal);
        for (var i = 0; i < idf.Length; i++)
        {
            vocabulary[reader.ReadString()] = i;
            idf[i] = reader.ReadSingle();
        }
        var length = reader.ReadInt64();
        using var modelStream = new MemoryStream(reader.ReadBytes(checked((int)length)));
        var model = NewContext().Model.Load(modelStream, out var schema);
        return new TextClassifier(options, labels, vocabulary, idf, model, schema);
    }

    /// <summary>Feature keys of one text with their counts; the prefixes keep the kinds apart.</summary>
    private static Dictionary<string, int> Count(string text, ClassifierOptions options)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        void Add(string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
        var tokens = Tokens.Of(text);
        if (options.ToneWords)
        {
            foreach (var s in tokens.ToneSyllables) Add("s:" + s);
            foreach (var b in tokens.ToneBigrams) Add("b:" + b);
        }
        if (options.FoldWords)
        {
            foreach (var s in tokens.FoldSyllables) Add("f:" + s);
            foreach (var b in tokens.FoldBigrams) Add("g:" + b);
        }
        if (options.Trigrams)
        {
            for (var k = 1; k < tokens.ToneBigrams.Count; k++)
            {
                // Two bigrams sharing a syllable make a trigram (bigrams never cross punctuation).
                var (left, right) = (tokens.ToneBigrams[k - 1], tokens.ToneBigrams[k]);
                var split = right.IndexOf('_');
                if (left.EndsWith(right[..split], StringComparison.Ordinal) && left[^(split + 1)] == '_')
                    Add("t:" + left + right[split..]);
            }
        }
        if (options.CharNgramMax > 0)
        {
            var folded = " " + string.Join(' ', tokens.FoldSyllables) + " ";
            for (var n = options.CharNgramMin; n <= options.CharNgramMax; n++)
                for (var i = 0; i + n <= folded.Length; i++)
                    Add("c:" + folded.Substring(i, n));
        }
        return counts;
    }

    private static VBuffer<float> Vector(Dictionary<string, int> counts, Dictionary<string, int> vocabulary, float[] idf)
    {
        var entries = new List<(int Index, float Value)>(counts.Count);
        foreach (var (key, count) in counts)
            if (vocabulary.TryGetValue(key, out var index))
                entries.Add((index, (float)(1 + Math.Log(count)) * idf[index]));
        entries.Sort((a, b) => a.Index.CompareTo(b.Index));
        var norm = (float)Math.Sqrt(entries.Sum(e => e.Value * e.Value));
        if (norm == 0) norm = 1;
        return new VBuffer<float>(idf.Length, entries.Count,
            entries.Select(e => e.Value / norm).ToArray(), entries.Select(e => e.Index).ToArray());
    }

    private static SchemaDefinition Schema(int labelCount, int featureCount)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Label)].ColumnType = new KeyDataViewType(typeof(uint), labelCount);
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        return schema;
    }

    private sealed class Row
    {
        public uint Label { get; set; }
        public VBuffer<float> Features { get; set; }
    }

    private sealed class Output
    {
        public float[] Score { get; set; } = [];
    }
}

public enum ClassifierTrainer { Sdca, Lbfgs }

/// <summary>The knobs measured in ADR 0010; <see cref="Default"/> is the kept variant.</summary>
public sealed record ClassifierOptions(
    ClassifierTrainer Trainer = ClassifierTrainer.Sdca,
    float L2 = 1e-5f,
    int? Iterations = null,
    bool ToneWords = true,
    bool FoldWords = true,
    bool Trigrams = false,
    int CharNgramMin = 3,
    int CharNgramMax = 0,
    bool Idf = false,
    int MinDocumentFrequency = 1)
{
    public static ClassifierOptions Default { get; } = new();
}
