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
/// one thread with a fixed seed, so the same history always gives the same model. A second model of
/// the same kind sees each feature also scaled by how unevenly it falls across the labels (its
/// largest naive-Bayes log-count ratio), and the two models' probabilities are averaged: in
/// cross-validation on the uit-vsfc training set the pair beat either model alone on every fold.
/// Below <see cref="ClassifierOptions.RatioModelMinimumItems"/> texts the second model is left out:
/// its gain was only shown on some 9,000 texts, and it doubles the time of an admin's retraining,
/// which cross-validates small histories five times while the admin waits.
/// Trigrams, character n-grams and IDF were measured and did not help; they stay as options.
/// </summary>
public sealed class TextClassifier
{
    // 1: one model; 2: a list of models, each with its own per-feature scale.
    private const int FormatVersion = 2;
    // Add-one smoothing of the per-label document frequencies behind the log-count ratios.
    private const double RatioSmoothing = 1;
    // A context per training, not one shared: its random generator (SDCA shuffles with it) would
    // otherwise carry on from earlier trainings in the same process and break determinism.
    private static MLContext NewContext() => new(seed: 1);

    private readonly ClassifierOptions options;
    private readonly string[] labels;
    private readonly Dictionary<string, int> vocabulary;
    private readonly float[] idf;
    private readonly IReadOnlyList<Member> members;

    /// <summary>One trained model and the per-feature scale its input gets (null: none).</summary>
    private sealed class Member
    {
        public Member(float[]? scale, ITransformer model, DataViewSchema inputSchema, int labelCount, int featureCount)
        {
            Scale = scale;
            Model = model;
            InputSchema = inputSchema;
            Engine = NewContext().Model.CreatePredictionEngine<Row, Output>(model, inputSchemaDefinition: Schema(labelCount, featureCount));
        }

        public float[]? Scale { get; }
        public ITransformer Model { get; }
        public DataViewSchema InputSchema { get; }
        public PredictionEngine<Row, Output> Engine { get; }
    }

    private TextClassifier(ClassifierOptions options, string[] labels, Dictionary<string, int> vocabulary, float[] idf, IReadOnlyList<Member> members)
    {
        this.options = options;
        this.labels = labels;
        this.vocabulary = vocabulary;
        this.idf = idf;
        this.members = members;
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
        var labelOf = labels.Select(l => labelIndex[l]).ToArray();

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

        var members = new List<Member> { Fit(documents, labelOf, labelNames.Length, vocabulary, idf, null, options, options.L2) };
        if (texts.Count >= options.RatioModelMinimumItems)
        {
            var ratio = LargestLogCountRatio(documents, labelOf, labelNames.Length, vocabulary);
            members.Add(Fit(documents, labelOf, labelNames.Length, vocabulary, idf, ratio, options, options.RatioL2));
        }
        return new TextClassifier(options, labelNames, vocabulary, idf, members);
    }

    private const int SmallTrainingSet = 2_000;
    private const int SmallTrainingSetIterations = 50;

    private static Member Fit(List<Dictionary<string, int>> documents, int[] labelOf, int labelCount, Dictionary<string, int> vocabulary, float[] idf, float[]? scale, ClassifierOptions options, float l2)
    {
        var rows = documents.Select((doc, i) => new Row
        {
            // LoadFromEnumerable reads a key field 0-based (slot i of the score is labelNames[i]).
            Label = (uint)labelOf[i],
            Features = Vector(doc, vocabulary, idf, scale),
        });
        var ml = NewContext();
        var data = ml.Data.LoadFromEnumerable(rows, Schema(labelCount, idf.Length));
        var trainer = options.Trainer switch
        {
            ClassifierTrainer.Sdca => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
            {
                NumberOfThreads = 1,
                L2Regularization = l2,
                // Left to itself SDCA iterates to convergence, which on a few dozen examples (a unit's
                // first labelled items, the demo) took half a second of CPU per fit and made the admin's
                // synchronous retrain (12 fits with cross-validation) take 10–25 s. Large sets converge
                // in few passes, so the cap only binds on small ones.
                MaximumNumberOfIterations = options.Iterations ?? (documents.Count < SmallTrainingSet ? SmallTrainingSetIterations : null),
            }),
            ClassifierTrainer.Lbfgs => (IEstimator<ITransformer>)ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                NumberOfThreads = 1,
                L2Regularization = l2,
                L1Regularization = 0,
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(options)),
        };
        return new Member(scale, trainer.Fit(data), data.Schema, labelCount, idf.Length);
    }

    /// <summary>
    /// Per feature, the largest |log(p/q)| over the labels, p being the feature's smoothed share of
    /// the label's documents and q its share of the other labels' (Wang and Manning's log-count
    /// ratio, one-vs-rest): near 0 for a feature spread evenly, large for one typical of a label.
    /// </summary>
    private static float[] LargestLogCountRatio(List<Dictionary<string, int>> documents, int[] labelOf, int labelCount, Dictionary<string, int> vocabulary)
    {
        var perLabel = new double[labelCount, vocabulary.Count];
        for (var i = 0; i < documents.Count; i++)
            foreach (var key in documents[i].Keys)
                if (vocabulary.TryGetValue(key, out var j)) perLabel[labelOf[i], j]++;
        var all = new double[vocabulary.Count];
        var totals = new double[labelCount];
        for (var c = 0; c < labelCount; c++)
            for (var j = 0; j < all.Length; j++)
            {
                all[j] += perLabel[c, j] + RatioSmoothing;
                totals[c] += perLabel[c, j] + RatioSmoothing;
            }
        var grandTotal = totals.Sum();
        var ratio = new float[all.Length];
        for (var j = 0; j < ratio.Length; j++)
        {
            var largest = 0.0;
            for (var c = 0; c < labelCount; c++)
            {
                var inLabel = (perLabel[c, j] + RatioSmoothing) / totals[c];
                var elsewhere = (all[j] - perLabel[c, j] - RatioSmoothing) / (grandTotal - totals[c]);
                largest = Math.Max(largest, Math.Abs(Math.Log(inLabel / elsewhere)));
            }
            ratio[j] = (float)largest;
        }
        return ratio;
    }

    /// <summary>Every label with its probability (the models' average), most likely first.</summary>
    public IReadOnlyList<LabelScore> Predict(string text)
    {
        var counts = Count(text, options);
        var sum = new float[labels.Length];
        foreach (var member in members)
        {
            float[] scores;
            lock (member.Engine)
                scores = member.Engine.Predict(new Row { Features = Vector(counts, vocabulary, idf, member.Scale) }).Score;
            for (var i = 0; i < sum.Length; i++) sum[i] += scores[i] / members.Count;
        }
        return sum.Select((s, i) => new LabelScore(labels[i], s)).OrderByDescending(s => s.Confidence).ToList();
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
            writer.Write(members.Count);
            foreach (var member in members)
            {
                writer.Write(member.Scale is not null);
                foreach (var value in member.Scale ?? []) writer.Write(value);
                using var modelStream = new MemoryStream();
                NewContext().Model.Save(member.Model, member.InputSchema, modelStream);
                writer.Write(modelStream.Length);
                writer.Write(modelStream.ToArray());
            }
        }
        return stream.ToArray();
    }

    /// <summary>Reads what <see cref="Save"/> wrote, including the one-model format 1.</summary>
    public static TextClassifier Load(byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        var version = reader.ReadInt32();
        if (version is < 1 or > FormatVersion) throw new InvalidDataException("unknown classifier format");
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
        var members = new Member[version == 1 ? 1 : reader.ReadInt32()];
        for (var m = 0; m < members.Length; m++)
        {
            float[]? scale = null;
            if (version > 1 && reader.ReadBoolean())
            {
                scale = new float[idf.Length];
                for (var i = 0; i < scale.Length; i++) scale[i] = reader.ReadSingle();
            }
            var length = reader.ReadInt64();
            using var modelStream = new MemoryStream(reader.ReadBytes(checked((int)length)));
            var model = NewContext().Model.Load(modelStream, out var schema);
            members[m] = new Member(scale, model, schema, labels.Length, idf.Length);
        }
        return new TextClassifier(options, labels, vocabulary, idf, members);
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

    private static VBuffer<float> Vector(Dictionary<string, int> counts, Dictionary<string, int> vocabulary, float[] idf, float[]? scale)
    {
        var entries = new List<(int Index, float Value)>(counts.Count);
        foreach (var (key, count) in counts)
            if (vocabulary.TryGetValue(key, out var index))
                entries.Add((index, (float)(1 + Math.Log(count)) * idf[index] * (scale?[index] ?? 1f)));
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
    int MinDocumentFrequency = 1,
    int RatioModelMinimumItems = 2_000,
    float RatioL2 = 3e-5f)
{
    public static ClassifierOptions Default { get; } = new();
}
