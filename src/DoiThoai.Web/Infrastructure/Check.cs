namespace DoiThoai.Web.Infrastructure;

/// <summary>Input checks shared by forms and the API, with messages that name the field.</summary>
public static class Check
{
    public static string Required(string? value, string field, string label, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new DomainValidationException(field, $"{label} không được để trống.");
        MaxLength(value, field, label, max);
        return value.Trim();
    }

    public static void MaxLength(string? value, string field, string label, int max)
    {
        if (value is not null && value.Length > max)
            throw new DomainValidationException(field, $"{label} dài quá {max:N0} ký tự.");
    }

    public static T Present<T>(T? value, string field, string message) where T : struct =>
        value ?? throw new DomainValidationException(field, message);
}
