using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Organisation;

namespace DoiThoai.Web.Features.Demo;

/// <summary>
/// The demo entities added so far, found by code or name. The session scripts refer to units by code
/// and to people by full name, which keeps the scripts readable; ids exist once the organisation is saved.
/// </summary>
internal sealed class DemoWorld
{
    public Dictionary<string, OrgUnit> Units { get; } = [];
    /// <summary>People by full name (NFC); names are unique within the demo.</summary>
    public Dictionary<string, Person> People { get; } = [];
    public Dictionary<string, Topic> Topics { get; } = [];
    public List<Term> Terms { get; } = [];
    public Dictionary<string, AppUser> Accounts { get; } = [];

    public int UnitId(string code) => Units[code].Id;

    public int TopicId(string code) => Topics[code].Id;

    public Person Person(string fullName) => People[fullName.Normalize()];

    public int TermId(string unitCode, string name) => Terms.Single(t => t.OrgUnit == Units[unitCode] && t.Name == name).Id;

    /// <summary>People of the past act without an account: history keeps their name only.</summary>
    public Actor ActorFor(string fullName) => new(null, Person(fullName).FullName);

    public Actor ActorFor(AppUser account) => new(account.Id, account.DisplayName);

    /// <summary>Who handles a unit's items: its demo account if it has one, else the first person filed under it.</summary>
    public Actor HandlerOf(string unitCode)
    {
        var unit = Units[unitCode];
        var account = Accounts.Values.FirstOrDefault(a => a.OrgUnit == unit || a.OrgUnitId == unit.Id && unit.Id != 0);
        if (account is not null) return ActorFor(account);
        var person = People.Values.FirstOrDefault(p => p.OrgUnit == unit)
            ?? throw new InvalidOperationException($"No demo person handles {unitCode}.");
        return new Actor(null, person.FullName);
    }
}
