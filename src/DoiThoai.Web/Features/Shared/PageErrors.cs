using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace DoiThoai.Web.Features.Shared;

/// <summary>
/// How every page answers what the workflow services throw, so that all forms behave alike:
/// a bad value is shown beside its field with 400, a refused transition is shown above the form
/// with 409, and in both cases the page is rendered again with what the user typed;
/// no right to act is 403, a record the user may not see is 404.
/// </summary>
public static class PageErrors
{
    /// <summary>
    /// Runs a change (a workflow call followed by a redirect). If it is refused, the message goes
    /// into ModelState under <paramref name="formPrefix"/> + the field the workflow named
    /// ("attendanceCount" with prefix "Act" is "Act.AttendanceCount") and
    /// <paramref name="redisplay"/> renders the page again.
    /// </summary>
    public static async Task<IActionResult> TryChangeAsync(
        this PageModel page,
        IStringLocalizer t,
        string formPrefix,
        Func<Task<IActionResult>> change,
        Func<Task<IActionResult>> redisplay,
        Func<WorkflowException, string>? describeRefusal = null)
    {
        if (!page.ModelState.IsValid)
        {
            // Only model binding can fail here (a number field holding letters, an unknown option):
            // the inputs carry no annotations, the workflow checks the values. The framework's
            // message is English and names the C# property, so replace it.
            ReplaceBindingMessages(page, t);
            page.Response.StatusCode = StatusCodes.Status400BadRequest;
            return await page.TryLoadAsync(redisplay);
        }
        try
        {
            return await change();
        }
        catch (DomainValidationException e)
        {
            page.ModelState.AddModelError(FieldKey(formPrefix, e.Field), t[e.Message]);
            page.Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (ConcurrencyConflictException e)
        {
            // The page is shown again as it is saved now, with the other person's change above the
            // form and what this user typed kept in it (ADR 0018).
            page.ModelState.AddModelError("", Conflict(t, e));
            page.ViewData[ConflictKey] = e;
            page.Response.StatusCode = StatusCodes.Status409Conflict;
        }
        catch (WorkflowException e)
        {
            page.ModelState.AddModelError("", describeRefusal?.Invoke(e) ?? t[e.Message]);
            page.Response.StatusCode = StatusCodes.Status409Conflict;
        }
        catch (AccessDeniedException)
        {
            return Forbidden();
        }
        catch (NotFoundException)
        {
            return page.NotFound();
        }
        return await page.TryLoadAsync(redisplay);
    }

    /// <summary>The ViewData key of the <see cref="ConcurrencyConflictException"/> a refused save met, for the page to show.</summary>
    public const string ConflictKey = "Conflict";

    /// <summary>"Nguyễn Văn A đã … lúc …": who changed the record after this user opened it, and how.</summary>
    public static string Conflict(IStringLocalizer t, ConcurrencyConflictException e) =>
        e.ChangedBy is null || e.ChangedAtUtc is null
            ? t["Bản ghi vừa được người khác thay đổi sau khi bạn mở trang. Nội dung đang lưu hiện ở dưới; những gì bạn nhập vẫn được giữ lại — hãy xem lại rồi gửi lại nếu vẫn cần."]
            : t["{0} đã thay đổi bản ghi lúc {1} ({2}) sau khi bạn mở trang. Nội dung đang lưu hiện ở dưới; những gì bạn nhập vẫn được giữ lại — hãy xem lại rồi gửi lại nếu vẫn cần.",
                e.ChangedBy, Formats.DateTime(e.ChangedAtUtc.Value), t[e.ChangeLabel ?? ""]];

    /// <summary>Renders a page whose loading may find the record missing or out of reach.</summary>
    public static async Task<IActionResult> TryLoadAsync(this PageModel page, Func<Task<IActionResult>> load)
    {
        try
        {
            return await load();
        }
        catch (AccessDeniedException)
        {
            return Forbidden();
        }
        catch (NotFoundException)
        {
            return page.NotFound();
        }
    }

    /// <summary>
    /// 403 as the status of this very response. PageModel.Forbid() would hand over to the cookie
    /// handler, which answers 302 to the access-denied page: the status would be lost to the form
    /// that posted, and the user would land on another address. The status-code page explains it.
    /// </summary>
    public static IActionResult Forbidden() => new StatusCodeResult(StatusCodes.Status403Forbidden);

    /// <summary>The usual message for a transition the current state does not allow, with both names localized.</summary>
    public static string Refusal(IStringLocalizer t, string actionLabel, string stateLabel) =>
        t["Không thể thực hiện thao tác “{0}” khi trạng thái là “{1}”.", t[actionLabel], t[stateLabel]];

    /// <summary>"Act" + "attendanceCount" is "Act.AttendanceCount"; a refusal without a field goes to the summary.</summary>
    public static string FieldKey(string formPrefix, string field)
    {
        if (string.IsNullOrEmpty(field)) return "";
        var property = char.ToUpperInvariant(field[0]) + field[1..];
        return string.IsNullOrEmpty(formPrefix) ? property : formPrefix + "." + property;
    }

    /// <summary>The framework's binding errors are English and name C# properties; say it in Vietnamese instead.</summary>
    public static void ReplaceBindingMessages(PageModel page, IStringLocalizer t)
    {
        var failed = page.ModelState.Where(e => e.Value?.Errors.Count > 0)
            .Select(e => (e.Key, Attempted: e.Value!.AttemptedValue ?? ""))
            .ToList();
        foreach (var (key, attempted) in failed)
        {
            page.ModelState[key]!.Errors.Clear();
            page.ModelState.AddModelError(key, t["Giá trị “{0}” không hợp lệ.", attempted]);
        }
    }
}

/// <summary>
/// What <c>_Conflict.cshtml</c> shows: the refused save's conflict and the non-empty text fields
/// the user typed (label, text), so nothing typed is lost even when the form itself is gone.
/// </summary>
public sealed record ConflictView(ConcurrencyConflictException Conflict, IReadOnlyList<(string Label, string Text)> Typed)
{
    /// <summary>The conflict a refused save met on this request, or null.</summary>
    public static ConflictView? Of(Microsoft.AspNetCore.Mvc.ViewFeatures.ViewDataDictionary viewData, params (string Label, string? Text)[] typed) =>
        viewData[PageErrors.ConflictKey] is ConcurrencyConflictException e
            ? new ConflictView(e, [.. typed.Where(x => !string.IsNullOrWhiteSpace(x.Text)).Select(x => (x.Label, x.Text!))])
            : null;
}
