using DoiThoai.Web.Features.Items;

namespace DoiThoai.Tests.Features.Items;

/// <summary>
/// WHO may do each action, written out here independently of <see cref="ItemCaller"/>: the entity
/// decides WHEN, and what a caller is offered is the intersection of the two.
/// </summary>
public sealed class ItemPermissionTests
{
    private const int Host = 1, LeadUnit = 10, CoUnit = 20, OtherUnit = 30, Speaker = 7;

    private static readonly ItemCaller Office = new(isOffice: true, isLeader: false, isHandler: false, personId: 1, overseen: new HashSet<int> { 1, LeadUnit, CoUnit, OtherUnit });
    private static readonly ItemCaller Leader = new(isOffice: false, isLeader: true, isHandler: false, personId: 2, overseen: new HashSet<int> { 1, LeadUnit, CoUnit, OtherUnit });
    private static readonly ItemCaller LeadHandler = new(isOffice: false, isLeader: false, isHandler: true, personId: 3, overseen: new HashSet<int> { LeadUnit });
    private static readonly ItemCaller CoHandler = new(isOffice: false, isLeader: false, isHandler: true, personId: 4, overseen: new HashSet<int> { CoUnit });
    private static readonly ItemCaller OtherHandler = new(isOffice: false, isLeader: false, isHandler: true, personId: 5, overseen: new HashSet<int> { OtherUnit });
    private static readonly ItemCaller TheSpeaker = new(isOffice: false, isLeader: false, isHandler: false, personId: Speaker, overseen: new HashSet<int> { 99 });
    private static readonly ItemCaller AnotherMember = new(isOffice: false, isLeader: false, isHandler: false, personId: 8, overseen: new HashSet<int> { 99 });

    private static readonly Dictionary<string, string[]> Who = new()
    {
        ["classify"] = ["office", "leader"], ["answer"] = ["office", "leader"], ["accept"] = ["office", "leader"],
        ["assign"] = ["office", "leader"], ["return"] = ["office", "leader"], ["close"] = ["office", "leader"],
        ["publish"] = ["office", "leader"], ["merge"] = ["office", "leader"], ["unmerge"] = ["office", "leader"],
        ["escalate"] = ["office", "leader"], ["redirect"] = ["office", "leader"],
        ["confirm"] = ["office", "leader", "speaker"],
        ["approve"] = ["leader"], ["send-back"] = ["leader"], ["decide-extension"] = ["leader"],
        ["start"] = ["lead"], ["return-to-office"] = ["lead"], ["request-extension"] = ["lead"], ["draft-answer"] = ["lead"],
        ["progress"] = ["lead", "co"],
        ["contribute"] = ["co"],
    };

    private static readonly (string Name, ItemCaller Caller)[] Callers =
        [("office", Office), ("leader", Leader), ("lead", LeadHandler), ("co", CoHandler), ("other", OtherHandler), ("speaker", TheSpeaker), ("member", AnotherMember)];

    [Fact]
    public void The_table_covers_every_action() => Assert.Equal(Item.Actions.All.Order(), Who.Keys.Order());

    public static TheoryData<string, string> EveryCallerAndAction()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, _) in Callers)
            foreach (var action in Item.Actions.All)
                data.Add(name, action);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCallerAndAction))]
    public void Each_action_belongs_to_the_callers_the_table_names(string callerName, string action)
    {
        var caller = Callers.Single(c => c.Name == callerName).Caller;
        var item = new ItemFacts(ItemStatus.InProgress, Speaker, LeadUnit, [CoUnit], Host);
        Assert.Equal(Who[action].Contains(callerName), caller.May(item, action));
    }

    [Theory]
    [MemberData(nameof(EveryCallerAndAction))]
    public void What_is_offered_is_what_the_state_allows_and_the_caller_may_do(string callerName, string action)
    {
        var caller = Callers.Single(c => c.Name == callerName).Caller;
        foreach (var state in Enum.GetValues<ItemStatus>())
        {
            var item = new ItemFacts(state, Speaker, LeadUnit, [CoUnit], Host);
            var offered = caller.AllowedActions(item).Contains(action);
            Assert.Equal(Item.AllowedActionsIn(state).Contains(action) && Who[action].Contains(callerName), offered);
        }
    }

    [Fact]
    public void Only_the_host_committee_moves_a_session_item()
    {
        // The office and leaders of the committee whose members were invited (the participant unit)
        // read the items of the session but do not act on them.
        var participantOffice = new ItemCaller(isOffice: true, isLeader: true, isHandler: false, personId: 9, overseen: new HashSet<int> { 50 });
        var item = new ItemFacts(ItemStatus.Classified, Speaker, null, [], Host);
        Assert.Empty(participantOffice.AllowedActions(item));
        Assert.NotEmpty(Office.AllowedActions(item));
    }

    [Fact]
    public void Handlers_act_only_through_the_current_assignment()
    {
        var unassigned = new ItemFacts(ItemStatus.Assigned, null, null, [], Host);
        Assert.Empty(LeadHandler.AllowedActions(unassigned));
        // A handler whose unit both leads and co-operates is the lead unit (and may also contribute).
        var both = new ItemCaller(false, false, true, null, new HashSet<int> { LeadUnit, CoUnit });
        Assert.Equal(["start", "return-to-office", "request-extension", "progress", "contribute"],
            both.AllowedActions(new ItemFacts(ItemStatus.Assigned, null, LeadUnit, [CoUnit], Host)));
        Assert.Equal([CoUnit], CoHandler.CoUnitsOn(new ItemFacts(ItemStatus.Assigned, null, LeadUnit, [CoUnit, OtherUnit], Host)));
    }
}
