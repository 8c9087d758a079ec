using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace DoiThoai.Web.Features.Items;

/// <summary>An uploaded file that passed the checks, waiting in a temporary file until the change is saved.</summary>
public sealed record PreparedUpload(string FileName, string ContentType, long Length, string Sha256, string TempPath);

/// <summary>
/// The files attached to answers and contributions. Only PDF, DOCX, XLSX, PNG and JPEG are taken,
/// recognised by their CONTENT (a program renamed .pdf is refused), with a size limit
/// (<c>Uploads:MaxBytes</c>, 10 MB by default). The bytes are kept under
/// <c>Storage:FilesPath/uploads/</c> (the data folder unless set; shared by all nodes) — never under wwwroot, so nothing is served without the item's
/// access check — named by their SHA-256: the same file attached twice is stored once, and a name
/// chosen by the uploader never becomes a path.
/// </summary>
public sealed class AttachmentStore(IConfiguration config, IHostEnvironment env)
{
    public const long DefaultMaxBytes = 10 * 1024 * 1024;
    /// <summary>Files in one form; with the per-file limit it bounds the request size.</summary>
    public const int MaxFiles = 5;

    private const string Pdf = "application/pdf";
    private const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const string Png = "image/png";
    private const string Jpeg = "image/jpeg";

    private static readonly Dictionary<string, string> TypeOfExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = Pdf, [".docx"] = Docx, [".xlsx"] = Xlsx, [".png"] = Png, [".jpg"] = Jpeg, [".jpeg"] = Jpeg,
    };

    private static readonly Dictionary<string, string> NameOfType = new()
    {
        [Pdf] = "PDF", [Docx] = "DOCX", [Xlsx] = "XLSX", [Png] = "PNG", [Jpeg] = "JPEG",
    };

    public long MaxBytes
    {
        get
        {
            var value = config.GetValue("Uploads:MaxBytes", DefaultMaxBytes);
            return value > 0 ? value : DefaultMaxBytes;
        }
    }

    /// <summary>The largest request a form with attachments may send: every file at the limit, plus the text fields.</summary>
    public long MaxRequestBytes => MaxBytes * MaxFiles + 1024 * 1024;

    public string MaxMegabytes => (MaxBytes / (1024.0 * 1024.0)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    private string Root => Path.Combine(Data.DatabaseSetup.FilesPath(config, env), "uploads");

    /// <summary>Where a stored file lives: uploads/ab/abcdef… (two-letter folders keep directories small).</summary>
    public string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(Uri.IsHexDigit))
            throw new InvalidOperationException("Not a SHA-256 name.");
        return Path.Combine(Root, sha256[..2], sha256);
    }

    /// <summary>
    /// Copies each file to a temporary file while hashing it, then checks size, type and extension.
    /// Throws <see cref="DomainValidationException"/> (field "files") on the first bad file, having
    /// removed what it wrote; the caller discards the rest with <see cref="Discard"/>.
    /// </summary>
    public async Task<List<PreparedUpload>> PrepareAsync(IReadOnlyList<IFormFile> files, CancellationToken ct = default)
    {
        var real = files.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        if (real.Count > MaxFiles)
            throw new DomainValidationException("files", $"Chỉ đính kèm tối đa {MaxFiles} tệp mỗi lần.");
        var prepared = new List<PreparedUpload>();
        try
        {
            foreach (var file in real) prepared.Add(await PrepareOneAsync(file, ct));
            return prepared;
        }
        catch
        {
            Discard(prepared);
            throw;
        }
    }

    private async Task<PreparedUpload> PrepareOneAsync(IFormFile file, CancellationToken ct)
    {
        var name = CleanFileName(file.FileName);
        if (file.Length == 0)
            throw new DomainValidationException("files", $"Tệp “{name}” không có nội dung.");
        if (file.Length > MaxBytes)
            throw new DomainValidationException("files", $"Tệp “{name}” lớn hơn giới hạn {MaxMegabytes} MB.");
        var temp = Path.Combine(Root, "tmp", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(temp)!);
        try
        {
            string sha;
            long length;
            await using (var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            await using (var source = file.OpenReadStream())
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[81920];
                length = 0;
                int read;
                while ((read = await source.ReadAsync(buffer, ct)) > 0)
                {
                    length += read;
                    // The declared length can lie; the bytes cannot.
                    if (length > MaxBytes)
                        throw new DomainValidationException("files", $"Tệp “{name}” lớn hơn giới hạn {MaxMegabytes} MB.");
                    hash.AppendData(buffer, 0, read);
                    await target.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            }
            var detected = Detect(temp);
            var extension = Path.GetExtension(name);
            if (detected is null)
                throw new DomainValidationException("files",
                    $"Tệp “{name}” không phải PDF, DOCX, XLSX, PNG hay JPEG (hệ thống kiểm tra theo nội dung tệp, không theo tên).");
            if (!TypeOfExtension.TryGetValue(extension, out var claimed) || claimed != detected)
                throw new DomainValidationException("files",
                    $"Tên tệp “{name}” không khớp nội dung: nội dung là {NameOfType[detected]}, phần mở rộng phải tương ứng.");
            return new PreparedUpload(name, detected, length, sha, temp);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Moves a checked file to its place (or drops it if the same bytes are already stored).</summary>
    public void Commit(PreparedUpload upload)
    {
        var final = PathOf(upload.Sha256);
        if (File.Exists(final))
        {
            TryDelete(upload.TempPath);
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        try
        {
            File.Move(upload.TempPath, final);
        }
        catch (IOException) when (File.Exists(final))
        {
            // Another request stored the same bytes a moment ago.
            TryDelete(upload.TempPath);
        }
    }

    /// <summary>Removes temporary files that were not committed (a refused change).</summary>
    public static void Discard(IEnumerable<PreparedUpload> uploads)
    {
        foreach (var upload in uploads) TryDelete(upload.TempPath);
    }

    /// <summary>The type of a file from its first bytes (and, for Office files, the parts inside the zip); null if not accepted.</summary>
    public static string? Detect(string path)
    {
        Span<byte> head = stackalloc byte[8];
        int read;
        using (var stream = File.OpenRead(path)) read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        if (head.StartsWith("%PDF-"u8)) return Pdf;
        if (head.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return Png;
        if (head.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF })) return Jpeg;
        if (head.StartsWith("PK\x03\x04"u8)) return OfficeType(path);
        return null;
    }

    /// <summary>A DOCX or XLSX is a zip with [Content_Types].xml and its word/ or xl/ part; any other zip is refused.</summary>
    private static string? OfficeType(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var names = zip.Entries.Select(e => e.FullName).ToList();
            if (!names.Contains("[Content_Types].xml", StringComparer.Ordinal)) return null;
            if (names.Any(n => n.StartsWith("word/", StringComparison.Ordinal))) return Docx;
            if (names.Any(n => n.StartsWith("xl/", StringComparison.Ordinal))) return Xlsx;
            return null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>The name as shown and offered on download: no folders, no control characters, NFC, at most 255 characters.</summary>
    public static string CleanFileName(string? raw)
    {
        var name = (raw ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string(name.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?')).ToArray())
            .Normalize(NormalizationForm.FormC).Trim().TrimStart('.');
        if (name.Length == 0) name = "tep-dinh-kem";
        if (name.Length > 255)
        {
            var extension = Path.GetExtension(name);
            name = name[..(255 - extension.Length)] + extension;
        }
        return name;
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
