using System.Security.Cryptography;
using SkiaSharp;

namespace DoiThoai.Web.Features.Portal;

/// <summary>A photo made ready for the web and stored: its SHA-256 name, size in pixels and bytes.</summary>
public sealed record StoredPhoto(string Sha256, int Width, int Height, long Length);

/// <summary>
/// Article photos: the upload is recognised by its content (PNG, JPEG or WebP — a renamed file or a
/// truncated one fails to decode and is refused), limited in bytes and in pixels (a small file may
/// claim a huge canvas), then scaled to at most <see cref="MaxWidth"/> pixels wide and re-encoded as
/// JPEG with SkiaSharp. Re-encoding also drops whatever else the file carried (metadata, trailing data).
/// Files live under <c>Storage:FilesPath/portal/photos/</c> (the data folder unless set) by SHA-256, like the item attachments: a
/// file written for a form that is then refused is harmless and the same photo is kept once.
/// </summary>
public sealed class PhotoStore(IConfiguration config, IHostEnvironment env)
{
    public const long DefaultMaxBytes = 8 * 1024 * 1024;
    public const int MaxWidth = 1280;
    public const long MaxPixels = 50_000_000;
    private const int JpegQuality = 82;

    public long MaxBytes
    {
        get
        {
            var value = config.GetValue("Portal:MaxPhotoBytes", DefaultMaxBytes);
            return value > 0 ? value : DefaultMaxBytes;
        }
    }

    public string MaxMegabytes => (MaxBytes / (1024.0 * 1024.0)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    private string Root => Path.Combine(Data.DatabaseSetup.FilesPath(config, env), "portal", "photos");

    public string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(Uri.IsHexDigit))
            throw new InvalidOperationException("Not a SHA-256 name.");
        return Path.Combine(Root, sha256[..2], sha256 + ".jpg");
    }

    public async Task<StoredPhoto> StoreAsync(IFormFile? file, CancellationToken ct = default)
    {
        if (file is null || file.Length == 0)
            throw new DomainValidationException("photo", "Chưa chọn tệp ảnh.");
        if (file.Length > MaxBytes)
            throw new DomainValidationException("photo", $"Ảnh lớn hơn giới hạn {MaxMegabytes} MB.");
        using var buffer = new MemoryStream();
        await using (var source = file.OpenReadStream())
        {
            // The declared length can lie; count what arrives.
            var chunk = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                    throw new DomainValidationException("photo", $"Ảnh lớn hơn giới hạn {MaxMegabytes} MB.");
                buffer.Write(chunk, 0, read);
            }
        }
        return Store(buffer.ToArray());
    }

    /// <summary>Checks, resizes, encodes and stores the bytes of an image (also used by the demo data).</summary>
    public StoredPhoto Store(byte[] bytes)
    {
        var jpeg = WebJpeg(bytes, out var width, out var height);
        var sha = Convert.ToHexStringLower(SHA256.HashData(jpeg));
        var path = PathOf(sha);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllBytes(temp, jpeg);
            try { File.Move(temp, path); }
            catch (IOException) when (File.Exists(path)) { File.Delete(temp); }
        }
        return new StoredPhoto(sha, width, height, jpeg.Length);
    }

    /// <summary>Which accepted format the bytes start like; null for anything else.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return "PNG";
        if (head.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF })) return "JPEG";
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return "WebP";
        return null;
    }

    private static byte[] WebJpeg(byte[] bytes, out int width, out int height)
    {
        if (Sniff(bytes) is null)
            throw new DomainValidationException("photo", "Tệp không phải ảnh PNG, JPEG hay WebP (hệ thống kiểm tra theo nội dung tệp, không theo tên).");
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data)
            ?? throw new DomainValidationException("photo", "Không đọc được ảnh: tệp bị hỏng hoặc không phải ảnh thật.");
        var info = codec.Info;
        if ((long)info.Width * info.Height > MaxPixels)
            throw new DomainValidationException("photo", "Ảnh có kích thước điểm ảnh quá lớn (tối đa 50 triệu điểm ảnh).");
        using var decoded = SKBitmap.Decode(codec, new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        if (decoded is null)
            throw new DomainValidationException("photo", "Không đọc được ảnh: tệp bị hỏng hoặc không phải ảnh thật.");

        width = Math.Min(MaxWidth, decoded.Width);
        height = Math.Max(1, (int)Math.Round(decoded.Height * (double)width / decoded.Width));
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        // JPEG has no transparency: transparent parts of a PNG become white, not black.
        canvas.Clear(SKColors.White);
        using var image = SKImage.FromBitmap(decoded);
        canvas.DrawImage(image, new SKRect(0, 0, width, height), new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var snapshot = surface.Snapshot();
        using var encoded = snapshot.Encode(SKEncodedImageFormat.Jpeg, JpegQuality);
        return encoded.ToArray();
    }
}
