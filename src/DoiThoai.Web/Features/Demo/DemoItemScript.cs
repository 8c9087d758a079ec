using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Sessions;

namespace DoiThoai.Web.Features.Demo;

/// <summary>Who raised a demo item: a person in the registry, or a speaker kept as written in the record.</summary>
internal sealed record Speaker(string Name, bool InRegistry)
{
    public static Speaker Person(string fullName) => new(fullName, true);
    public static Speaker Recorded(string nameAndPosition) => new(nameAndPosition, false);
}

/// <summary>Where a demo item ends up; each step is taken through the item's own transition methods.</summary>
internal abstract record Fate;

internal sealed record LeftReceived : Fate;

internal sealed record LeftClassified : Fate;

internal sealed record AnsweredOnTheSpot(string Answer, AnswerOutcome Outcome, bool ThenClosed = false) : Fate;

internal sealed record AcceptedForLater(string Note) : Fate;

internal sealed record AssignedTo(string Lead, string[] CoUnits, DateOnly Due, string Note, Step[]? Then = null) : Fate;

/// <summary>What happened after an assignment, <see cref="Days"/> after it, in order.</summary>
internal abstract record Step(double Days);

internal sealed record Started(double Days) : Step(Days);

internal sealed record Progressed(double Days, string Note) : Step(Days);

/// <summary>A co-operating unit (by code) sends its part.</summary>
internal sealed record Contributed(double Days, string CoUnit, string Text) : Step(Days);

/// <summary>The handler asks for more time; the leader decides a day later unless it is left pending.</summary>
internal sealed record ExtensionAsked(double Days, DateOnly NewDue, string Reason, bool? Granted, string? DecisionNote = null) : Step(Days);

internal sealed record Drafted(double Days, string Answer, AnswerOutcome Outcome, string? OutcomeNote = null) : Step(Days);

internal sealed record SentBack(double Days, string Note) : Step(Days);

internal sealed record ApprovedByLeader(double Days) : Step(Days);

internal sealed record PublishedToSubmitter(double Days) : Step(Days);

internal sealed record SubmitterConfirmed(double Days, bool Satisfied, string? Note = null) : Step(Days);

internal sealed record ReturnedAsOutOfScope(string Reason) : Fate;

/// <summary>One scripted item: what was said, by whom, how the office classifies it and where it ends up.</summary>
internal sealed record DemoItem(
    Speaker Speaker,
    string OnBehalfOf,
    string Topic,
    ItemKind Kind,
    Urgency Urgency,
    Confidentiality Confidentiality,
    string Text,
    Fate Fate,
    RaisedStage Stage = RaisedStage.AtSession);

/// <summary>
/// Plays a session's scripted items through the workflow in the order it happens in real life: raise,
/// classify, respond at the session, then follow up. Going through the entity methods (with the
/// historical time of each step) gives the demo records the same history a user would leave, and
/// makes the seeder fail if a script ever breaks a workflow rule.
/// </summary>
internal sealed class DemoItemRun(DemoWorld world, DialogueSession session, IReadOnlyList<DemoItem> script)
{
    private readonly List<(DemoItem Script, Item Item)> raised = [];
    private int classifiedCount;

    /// <summary>Raises the next <paramref name="count"/> scripted items, one every <paramref name="gap"/>.</summary>
    public void Raise(int count, Actor recorder, DateTime firstAtUtc, TimeSpan gap)
    {
        var at = firstAtUtc;
        foreach (var line in script.Skip(raised.Count).Take(count))
        {
            var details = new ItemDetails(
                line.Kind,
                line.Stage,
                line.Speaker.InRegistry ? world.Person(line.Speaker.Name).Id : null,
                line.Speaker.InRegistry ? null : line.Speaker.Name,
                world.UnitId(line.OnBehalfOf),
                TopicId: null, // the office sets the topic when it classifies
                Urgency.Normal,
                line.Confidentiality, // sensitive from the moment it is written down
                line.Text);
            raised.Add((line, Item.Raise(session, session.Items.Count + 1, details, recorder, at)));
            session.Items.Add(raised[^1].Item);
            at += gap;
        }
    }

    /// <summary>Classifies the items raised since the last call, each <paramref name="after"/> it was raised.</summary>
    public void Classify(Actor clerk, TimeSpan after)
    {
        foreach (var (line, item) in raised.Skip(classifiedCount).Where(r => r.Script.Fate is not LeftReceived))
            item.Classify(world.TopicId(line.Topic), line.Kind, line.Urgency, line.Confidentiality, clerk, item.RaisedAtUtc + after);
        classifiedCount = raised.Count;
    }

    /// <summary>The presiding leader answers, takes on or returns items, one after another.</summary>
    public void Respond(Actor leader, string answeredBy, DateTime firstAtUtc, TimeSpan gap)
    {
        var at = firstAtUtc;
        foreach (var (line, item) in raised)
        {
            switch (line.Fate)
            {
                case AnsweredOnTheSpot answer:
                    item.AnswerAtSession(answer.Answer, answer.Outcome, answeredBy, leader, at);
                    break;
                case AcceptedForLater accepted:
                    item.Accept(leader, at, accepted.Note);
                    break;
                case AssignedTo:
                    item.Accept(leader, at, "Tiếp thu tại hội nghị, giao cơ quan tham mưu nghiên cứu, trả lời.");
                    break;
                case ReturnedAsOutOfScope returned:
                    item.Return(returned.Reason, leader, at);
                    break;
                default:
                    continue; // left for the office to act on later
            }
            at += gap;
        }
    }

    /// <summary>
    /// After the conclusions: the office assigns what was taken on and closes what was settled; each
    /// assignment then plays its scripted steps (handler, leader and office in turn).
    /// </summary>
    public void FollowUp(Actor clerk, Actor leader, DateTime firstAtUtc, TimeSpan gap)
    {
        var at = firstAtUtc;
        foreach (var (line, item) in raised)
        {
            switch (line.Fate)
            {
                case AssignedTo assigned:
                    item.AssignTo(world.UnitId(assigned.Lead), assigned.CoUnits.Select(world.UnitId).ToList(), assigned.Due, assigned.Note, clerk, at);
                    foreach (var step in assigned.Then ?? [])
                        Play(item, step, world.HandlerOf(assigned.Lead), leader, clerk, at.AddDays(step.Days));
                    break;
                case AnsweredOnTheSpot { ThenClosed: true }:
                    item.Close(clerk, at, "Đã gửi nội dung trả lời đến người nêu ý kiến.");
                    break;
                default:
                    continue;
            }
            at += gap;
        }
    }

    private void Play(Item item, Step step, Actor handler, Actor leader, Actor clerk, DateTime at)
    {
        switch (step)
        {
            case Started: item.Start(handler, at, "Nhận nhiệm vụ, phân công chuyên viên theo dõi."); break;
            case Progressed p: item.RecordProgress(p.Note, handler, at); break;
            case Contributed c: item.Contribute(world.UnitId(c.CoUnit), c.Text, world.HandlerOf(c.CoUnit), at); break;
            case ExtensionAsked e:
                item.RequestExtension(e.NewDue, e.Reason, handler, at);
                if (e.Granted is { } granted) item.DecideExtension(granted, null, e.DecisionNote, leader, at.AddDays(1));
                break;
            case Drafted d: item.DraftAnswer(d.Answer, d.Outcome, d.OutcomeNote, handler, at); break;
            case SentBack b: item.SendBack(b.Note, leader, at); break;
            case ApprovedByLeader: item.Approve(leader, at); break;
            case PublishedToSubmitter: item.Publish(clerk, at, "Gửi văn bản trả lời đến người nêu ý kiến."); break;
            case SubmitterConfirmed c: item.ConfirmSatisfaction(c.Satisfied, c.Note, clerk, at); break;
            default: throw new InvalidOperationException($"Unknown demo step {step}");
        }
    }
}
