using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace DoiThoai.Web.Infrastructure;

/// <summary>
/// Someone saved the record after the caller opened it: saving would overwrite their change
/// (ADR 0018). Carries what is saved now, so that the page can show the other person's change
/// beside the caller's kept input and the API can answer 409 with the current version.
/// </summary>
/// <param name="ChangeLabel">What they did, a Vietnamese label the pages localize ("Dự thảo trả lời").</param>
/// <param name="ChangeNote">What they wrote with it (their answer, note or reason), if anything.</param>
public sealed class ConcurrencyConflictException(
    int currentVersion, string? changedBy, DateTime? changedAtUtc, string? changeLabel, string? changeNote)
    : Exception(Describe(changedBy, changedAtUtc, changeLabel))
{
    public int CurrentVersion { get; } = currentVersion;
    public string? ChangedBy { get; } = changedBy;
    public DateTime? ChangedAtUtc { get; } = changedAtUtc;
    public string? ChangeLabel { get; } = changeLabel;
    public string? ChangeNote { get; } = changeNote;

    private static string Describe(string? by, DateTime? atUtc, string? label) =>
        by is null || atUtc is null
            ? "Bản ghi vừa được người khác thay đổi sau khi bạn mở; hãy xem nội dung đang lưu rồi gửi lại nếu vẫn cần."
            : $"{by} đã thay đổi bản ghi lúc {Formats.DateTime(atUtc.Value)} ({label}) sau khi bạn mở; hãy xem nội dung đang lưu rồi gửi lại nếu vẫn cần.";
}

/// <summary>The version a client read, sent back with its change: a form field, a body field or If-Match.</summary>
public static class Versions
{
    /// <summary>
    /// The version of an <c>If-Match</c> header: <c>"7"</c>, <c>W/"7"</c> or <c>7</c>; null without
    /// the header or for <c>*</c>. The body's own <paramref name="bodyVersion"/> wins when both are sent.
    /// </summary>
    public static int? Of(HttpRequest request, int? bodyVersion = null)
    {
        if (bodyVersion is not null) return bodyVersion;
        var header = request.Headers.IfMatch;
        if (StringValues.IsNullOrEmpty(header)) return null;
        var value = header.ToString().Trim();
        if (value == "*") return null;
        if (value.StartsWith("W/", StringComparison.Ordinal)) value = value[2..];
        value = value.Trim('"');
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new DomainValidationException("version", "Tiêu đề If-Match phải là số phiên bản đã đọc, ví dụ \"3\".");
    }

    /// <summary>The ETag of a version, as GET answers send it and If-Match takes it back.</summary>
    public static string ETag(int version) => string.Create(CultureInfo.InvariantCulture, $"\"{version}\"");
}
