using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace DoiThoai.Web.Features.Admin;

/// <summary>
/// What every administration form does the same way: run the checks and the save, turn a refused
/// value into a message beside its field, and answer the re-rendered form with 400 so that a
/// refusal is visible to scripts and tests, not only to the eye.
/// </summary>
public abstract class AdminPageModel : PageModel
{
    /// <summary>Rows per page of the administration lists.</summary>
    protected const int AdminPageSize = 25;

    private IStringLocalizer? localizer;

    // Taken from the request rather than the constructor so that each page's constructor lists only
    // what that page is about.
    protected IStringLocalizer T => localizer ??=
        HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();

    /// <summary>
    /// Runs <paramref name="save"/> when the posted values passed their annotations. A
    /// <see cref="DomainValidationException"/> becomes a message on the matching field of
    /// <paramref name="input"/>; a database refusal (a unique index hit by a concurrent request)
    /// becomes a message on the form instead of a 500.
    /// </summary>
    protected async Task<bool> TrySaveAsync(object input, Func<Task> save)
    {
        if (!ModelState.IsValid)
        {
            ReplaceBindingMessages();
            return false;
        }
        try
        {
            await save();
            return true;
        }
        catch (DomainValidationException e)
        {
            AddError(e, input);
        }
        catch (DbUpdateException)
        {
            ModelState.AddModelError("", T["Không lưu được: dữ liệu trùng với một bản ghi khác hoặc vừa bị thay đổi. Vui lòng kiểm tra và thử lại."]);
        }
        return false;
    }

    /// <summary>The same form again, with what was typed and the messages, as a 400.</summary>
    protected PageResult FormWithErrors()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>A message shown once after the redirect that follows a successful post.</summary>
    protected void Flash(string message, params object[] args) => TempData["Message"] = T[message, args].Value;

    /// <summary>
    /// A number, date or choice that does not parse (only a hand-made post sends one) gets the
    /// framework's English message naming the C# property; say it in Vietnamese instead. The
    /// annotations' own messages are kept: they are the ones whose value did parse.
    /// </summary>
    private void ReplaceBindingMessages()
    {
        var pageMetadata = MetadataProvider.GetMetadataForType(GetType());
        var failed = ModelState
            .Where(e => e.Value is { Errors.Count: > 0, AttemptedValue: { Length: > 0 } })
            .Select(e => (e.Key, Attempted: e.Value!.AttemptedValue!))
            .ToList();
        foreach (var (key, attempted) in failed)
        {
            if (PropertyType(pageMetadata, key) is not { } type || type == typeof(string) || Parses(type, attempted)) continue;
            ModelState[key]!.Errors.Clear();
            ModelState.AddModelError(key, T["Giá trị “{0}” không hợp lệ.", attempted]);
        }
    }

    private static Type? PropertyType(ModelMetadata metadata, string key)
    {
        ModelMetadata? current = metadata;
        foreach (var name in key.Split('.'))
        {
            current = current.Properties[name];
            if (current is null) return null;
        }
        return current.UnderlyingOrModelType;
    }

    private static bool Parses(Type type, string value)
    {
        try
        {
            var parsed = TypeDescriptor.GetConverter(type).ConvertFrom(null, CultureInfo.CurrentCulture, value);
            return parsed is not null && (!type.IsEnum || Enum.IsDefined(type, parsed));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException || e.InnerException is FormatException or OverflowException)
        {
            return false;
        }
    }

    private void AddError(DomainValidationException e, object input)
    {
        // Entities name the field they refuse (OrgUnit.EnsureValidPeriod says "ValidTo"); the input
        // models use the same names, so the message lands beside the right box. A field the form
        // does not have goes to the summary at the top rather than being lost.
        var property = input.GetType().GetProperty(e.Field, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        ModelState.AddModelError(property is null ? "" : "Input." + property.Name, T[e.Message]);
    }
}
