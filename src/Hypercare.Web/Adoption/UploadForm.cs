using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Hypercare.Web.Adoption;

/// <summary>
/// The adoption page's upload form read by hand: its <c>file</c> part is written to a file the import worker can open
/// by path (the framework's form reader buffers the whole body to a temporary file of its own, which a child process
/// cannot be handed), and its other fields become the request's form, where the antiforgery check finds its token.
/// </summary>
internal sealed record UploadForm(string? FileName, long Length)
{
    private const int MaxFields = 16;
    private const int MaxFieldBytes = 16 * 1024;
    private const string FilePart = "file";

    /// <summary>The form, with the file (if any) written to <paramref name="path"/>; null when the body is not a form.</summary>
    public static async Task<UploadForm?> ReadAsync(HttpContext http, string path, long maxFileBytes, CancellationToken cancellationToken)
    {
        var request = http.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type))
        {
            return null;
        }

        if (type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            // Such a form carries no file; read it as usual so the antiforgery check and the answer work alike.
            await request.ReadFormAsync(cancellationToken);
            return new UploadForm(null, 0);
        }

        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (!type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(boundary))
        {
            return null;
        }

        var fields = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        string? fileName = null;
        long length = 0;
        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = maxFileBytes };
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    return null;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (disposition.IsFileDisposition())
                {
                    if (name != FilePart || fileName is not null)
                    {
                        await section.Body.CopyToAsync(Stream.Null, cancellationToken);
                        continue;
                    }

                    var given = disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName;
                    fileName = HeaderUtilities.RemoveQuotes(given).Value ?? "";
                    await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
                    await section.Body.CopyToAsync(file, 1 << 16, cancellationToken);
                    length = file.Length;
                }
                else if (disposition.IsFormDisposition())
                {
                    if (fields.Count >= MaxFields || await ValueAsync(section.Body, cancellationToken) is not { } value)
                    {
                        return null;
                    }

                    fields[name] = StringValues.Concat(fields.GetValueOrDefault(name), value);
                }
            }
        }
        catch (InvalidDataException)
        {
            // Not well-formed multipart, or a part over the limit.
            return null;
        }

        http.Features.Set<IFormFeature>(new FormFeature(new FormCollection(fields)));
        return new UploadForm(fileName, length);
    }

    private static async Task<string?> ValueAsync(Stream body, CancellationToken cancellationToken)
    {
        using var value = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (value.Length + read > MaxFieldBytes)
            {
                return null;
            }

            value.Write(buffer, 0, read);
        }

        return Encoding.UTF8.GetString(value.GetBuffer(), 0, (int)value.Length);
    }
}
