using System.Text;

namespace DoiThoai.Web.Features.Spreadsheets;

/// <summary>
/// Writes RFC 4180 CSV line by line to a stream (CRLF line ends, a field quoted when it holds a
/// comma, a quote, a line break or edge spaces), so a file of any length is never held in memory.
/// A text that starts with = + - @ tab or CR gets a leading apostrophe: spreadsheet programs would
/// otherwise run it as a formula (CSV injection), and an apostrophe is what they show as text.
/// </summary>
public sealed class CsvWriter(Stream output, bool byteOrderMark = false) : IAsyncDisposable
{
    private readonly StreamWriter writer = new(output, new UTF8Encoding(byteOrderMark), 64 * 1024) { NewLine = "\r\n" };

    public async Task WriteRowAsync(IEnumerable<string?> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first) await writer.WriteAsync(',');
            first = false;
            await writer.WriteAsync(Field(field));
        }
        await writer.WriteLineAsync();
    }

    public Task FlushAsync() => writer.FlushAsync();

    public async ValueTask DisposeAsync()
    {
        await writer.FlushAsync();
        // The stream is the response's (or the caller's) to close.
    }

    /// <summary>One field as written: prefixed if it could be taken as a formula, quoted if it must be.</summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        var quote = value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value[0] == ' ' || value[^1] == ' ';
        return quote ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
