using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;

namespace TenantModels.Core.Bundling;

/// <summary>
/// The single-file form of a bundle (<c>&lt;Project&gt;.&lt;Version&gt;.tmbundle</c>): a zip of the bundle folder that CI publishes
/// and the runner reads. Reproducible: entries sorted by path, fixed timestamps, no extra metadata — the same bundle
/// gives the same bytes.
/// </summary>
public static class BundleArchive
{
    public const string Extension = ".tmbundle";

    /// <summary>1980-01-01, the earliest time a zip entry can carry: a fixed timestamp keeps archives byte-identical.</summary>
    private static readonly DateTimeOffset FixedTimestamp = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static string FileName(string project, string version) => project + "." + version + Extension;

    /// <summary>Writes to a temp file beside <paramref name="path"/> and then moves it in, so no partial archive is ever visible.</summary>
    public static void Write(Bundle bundle, string path)
    {
        // Null content marks deploy.sql, streamed into its entry rather than built in memory.
        var files = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var file in bundle.ArtefactFiles)
        {
            files[file.Key] = file.Value;
        }

        files[BundleManifest.DeployScriptFileName] = null;
        files[BundleManifest.FileName] = ManifestJson.Write(bundle.Manifest);

        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
            {
                foreach (var file in files)
                {
                    var entry = zip.CreateEntry(file.Key, CompressionLevel.Optimal);
                    entry.LastWriteTime = FixedTimestamp;
                    using var writer = BundleDirectory.OpenText(entry.Open());
                    if (file.Value is null)
                    {
                        bundle.WriteDeployScript(writer);
                    }
                    else
                    {
                        writer.Write(file.Value);
                    }
                }
            }

            if (File.Exists(full))
            {
                File.Delete(full);
            }

            File.Move(temp, full);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>
    /// Extracts into a fresh folder (<see cref="ArchiveExtraction"/>: each entry once, inside the folder, listed by the
    /// manifest, its CRC-32 intact) and reads it with every check of <see cref="BundleDirectory.Read"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">Not a zip, an entry is refused, or the bundle inside fails its checks; the message names the file.</exception>
    public static Bundle Read(string path, string extractTo)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            ArchiveExtraction.Extract(zip, extractTo);
        }
        catch (ArchiveExtraction.Refused e)
        {
            // Named like the folder form's refusals (the file, not the archive): callers already name the bundle.
            throw new InvalidDataException(e.Message, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new InvalidDataException($"'{path}' cannot be read as a {Extension} archive: {e.Message}", e);
        }

        return BundleDirectory.Read(extractTo);
    }
}
