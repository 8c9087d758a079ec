namespace DoiThoai.Web.Features.PersonalData;

/// <summary>A line of the record of personal-data actions, as the administration pages list it, newest first.</summary>
public sealed record PersonalDataActionRow(long Id, DateTime AtUtc, PersonalDataActionKind Kind, int PersonId, string Person, string Reason, string ActorName)
{
    public static IQueryable<PersonalDataActionRow> Query(IQueryable<PersonalDataAction> actions) =>
        actions.OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id)
            .Select(a => new PersonalDataActionRow(a.Id, a.AtUtc, a.Kind, a.PersonId, a.Person!.FullName, a.Reason, a.ActorName));

    public static string Label(PersonalDataActionKind kind) => kind switch
    {
        PersonalDataActionKind.Export => "Xuất dữ liệu",
        PersonalDataActionKind.Anonymise => "Ẩn danh",
        _ => kind.ToString(),
    };
}
