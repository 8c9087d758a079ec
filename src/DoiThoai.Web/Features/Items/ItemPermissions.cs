using DoiThoai.Web.Features.Accounts;

namespace DoiThoai.Web.Features.Items;

/// <summary>
/// What the permission rules need to know about an item: its state, who raised it, its current
/// assignment and the unit hosting its session. Lists build it from a projection, pages from the
/// loaded entity (with its session).
/// </summary>
public sealed record ItemFacts(ItemStatus Status, int? RaisedByPersonId, int? LeadUnitId, IReadOnlyCollection<int> CoUnitIds, int HostUnitId)
{
    public static ItemFacts Of(Item item)
    {
        var current = item.CurrentAssignment;
        var host = item.Session?.HostUnitId ?? throw new InvalidOperationException("ItemFacts needs the item's session loaded.");
        return new(item.Status, item.RaisedByPersonId, current?.LeadUnitId, current?.CoUnits.Select(c => c.OrgUnitId).ToList() ?? [], host);
    }
}

/// <summary>
/// Who may do what to an item. The entity says WHEN an action is allowed (its state); this says
/// WHO: the office and the leader move items along, only the leader decides (approve, send back,
/// extensions), the handlers of the unit leading the current assignment work on it, co-operating
/// units contribute, and the person who raised it says whether the answer satisfies them.
/// </summary>
public sealed class ItemCaller(bool isOffice, bool isLeader, bool isHandler, int? personId, IReadOnlySet<int>? overseen)
{
    /// <summary>Office staff and leaders (and administrators, who stand in for the office).</summary>
    public static readonly IReadOnlySet<string> SecretariatActions = new HashSet<string>
    {
        Item.Actions.Classify, Item.Actions.Answer, Item.Actions.Accept, Item.Actions.Assign, Item.Actions.Return,
        Item.Actions.Close, Item.Actions.Publish, Item.Actions.Merge, Item.Actions.Unmerge, Item.Actions.Escalate,
        Item.Actions.Redirect, Item.Actions.Confirm,
    };

    public static readonly IReadOnlySet<string> LeaderActions = new HashSet<string>
    {
        Item.Actions.Approve, Item.Actions.SendBack, Item.Actions.DecideExtension,
    };

    /// <summary>Handlers of the unit that leads the current assignment.</summary>
    public static readonly IReadOnlySet<string> LeadUnitActions = new HashSet<string>
    {
        Item.Actions.Start, Item.Actions.ReturnToOffice, Item.Actions.RequestExtension, Item.Actions.Progress, Item.Actions.DraftAnswer,
    };

    /// <summary>Handlers of a co-operating unit of the current assignment.</summary>
    public static readonly IReadOnlySet<string> CoUnitActions = new HashSet<string>
    {
        Item.Actions.Contribute, Item.Actions.Progress,
    };

    public bool IsOffice { get; } = isOffice;
    public bool IsLeader { get; } = isLeader;
    public bool IsSecretariat => IsOffice || IsLeader;
    public bool IsHandler { get; } = isHandler;
    public int? PersonId { get; } = personId;

    /// <summary>The units the caller works within; null for administrators (every unit).</summary>
    public IReadOnlySet<int>? Overseen { get; } = overseen;

    public static ItemCaller Of(UserScope scope, int? personId, IReadOnlySet<int>? overseen) => new(
        scope.IsAdmin || scope.IsInRole(Roles.OfficeStaff),
        scope.IsInRole(Roles.Leader),
        scope.IsInRole(Roles.DepartmentHandler),
        personId,
        overseen);

    public bool Oversees(int unitId) => Overseen is null || Overseen.Contains(unitId);

    /// <summary>The caller's unit leads the item's current assignment.</summary>
    public bool LeadsOn(ItemFacts item) => IsHandler && item.LeadUnitId is { } lead && Oversees(lead);

    /// <summary>The co-operating units of the current assignment that the caller works for.</summary>
    public IReadOnlyList<int> CoUnitsOn(ItemFacts item) => IsHandler ? item.CoUnitIds.Where(Oversees).ToList() : [];

    /// <summary>
    /// The office and leaders act on the items of sessions their own committee hosts. A committee
    /// whose members were only invited (the participant unit) reads them but does not move them.
    /// </summary>
    public bool Hosts(ItemFacts item) => Oversees(item.HostUnitId);

    /// <summary>Everything the caller may ever do to the item, whatever its state.</summary>
    public HashSet<string> Capabilities(ItemFacts item)
    {
        var result = new HashSet<string>();
        if (IsSecretariat && Hosts(item)) result.UnionWith(SecretariatActions);
        if (IsLeader && Hosts(item)) result.UnionWith(LeaderActions);
        if (LeadsOn(item)) result.UnionWith(LeadUnitActions);
        if (CoUnitsOn(item).Count > 0) result.UnionWith(CoUnitActions);
        if (PersonId is { } person && item.RaisedByPersonId == person) result.Add(Item.Actions.Confirm);
        return result;
    }

    public bool May(ItemFacts item, string action) => Capabilities(item).Contains(action);

    /// <summary>
    /// The work on an item (drafts, contributions, extension requests, progress notes and the files
    /// attached to them) is for the office, the leaders and the units handling it; the speaker and
    /// other readers see the answer once it is final (<see cref="ItemWorkflow.IsSettledAnswer"/>).
    /// </summary>
    public bool MaySeeWork(ItemFacts item) => IsSecretariat || LeadsOn(item) || CoUnitsOn(item).Count > 0;

    /// <summary>
    /// Who raised an item is personal data (ADR 0021): the office, leaders and administrators of the
    /// committee hosting the session (they record and run it) and the person themselves see the name;
    /// handling units, invited committees, editors and the public see the content only.
    /// </summary>
    public bool MaySeeSpeaker(int hostUnitId, int? raisedByPersonId) =>
        (IsSecretariat && Oversees(hostUnitId)) || (PersonId is { } person && raisedByPersonId == person);

    public bool MaySeeSpeaker(ItemFacts item) => MaySeeSpeaker(item.HostUnitId, item.RaisedByPersonId);

    /// <summary>Actions whose history notes are part of the work (a draft's text, a reason for more time …).</summary>
    public static readonly IReadOnlySet<string> WorkActions =
        new HashSet<string>(LeadUnitActions.Concat(CoUnitActions).Concat(LeaderActions));

    /// <summary>What the caller may do now: the entity's allowed actions in this state that are the caller's to do.</summary>
    public IReadOnlyList<string> AllowedActions(ItemFacts item)
    {
        var capabilities = Capabilities(item);
        return Item.AllowedActionsIn(item.Status).Where(capabilities.Contains).ToList();
    }
}
