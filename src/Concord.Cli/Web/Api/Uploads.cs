using Concord.Core.Features.Imports;

namespace Concord.Cli.Web.Api;

/// <summary>CSV arrives either as the request body (text/csv) or as a form file; both end as a <see cref="CsvTable"/>.</summary>
internal static class Uploads
{
    public static async Task<byte[]> BodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    public static async Task<CsvTable> CsvBodyAsync(HttpRequest request, string? file, string defaultFile, IReadOnlyList<CsvColumn> columns, CancellationToken ct) =>
        CsvTable.Parse(FileName(file, defaultFile), await BodyAsync(request, ct), columns);

    /// <summary>A long list read row by row as it is imported; only its bytes are held.</summary>
    public static async Task<CsvFile> CsvFileBodyAsync(HttpRequest request, string? file, string defaultFile, IReadOnlyList<CsvColumn> columns, CancellationToken ct) =>
        CsvFile.FromBytes(FileName(file, defaultFile), await BodyAsync(request, ct), columns);

    public static async Task<CsvTable> CsvFormFileAsync(IFormFile form, string defaultFile, IReadOnlyList<CsvColumn> columns, CancellationToken ct)
    {
        var (name, bytes) = await FormFileAsync(form, defaultFile, ct);
        return CsvTable.Parse(name, bytes, columns);
    }

    /// <summary>A form file's name (its last segment only) and bytes.</summary>
    public static async Task<(string Name, byte[] Bytes)> FormFileAsync(IFormFile form, string defaultFile, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await form.CopyToAsync(buffer, ct);
        return (FileName(form.FileName, defaultFile), buffer.ToArray());
    }

    /// <summary>A browser upload, up to the size of a large roster or wanted list.</summary>
    public static async Task<byte[]> ReadAsync(Microsoft.AspNetCore.Components.Forms.IBrowserFile file, long maxBytes = 64 * 1024 * 1024)
    {
        using var buffer = new MemoryStream();
        await using var stream = file.OpenReadStream(maxBytes);
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    // The name only labels problems and import batches; a client's path never reaches the file system.
    private static string FileName(string? given, string fallback)
    {
        var name = string.IsNullOrWhiteSpace(given) ? "" : Path.GetFileName(given.Replace('\\', '/'));
        return string.IsNullOrWhiteSpace(name) ? fallback : name;
    }
}
