using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection;
using System.Text;

namespace TenantModels.Core.Bundling;

/// <summary>
/// Extracts a <c>.tmbundle</c> into a folder, refusing what the folder form cannot show: an entry twice, an entry that
/// escapes the folder, an entry the manifest does not list, an entry whose bytes fail the CRC-32 the zip recorded.
/// </summary>
internal static class ArchiveExtraction
{
    /// <summary>
    /// Core targets netstandard2.0, whose <see cref="ZipArchiveEntry"/> does not expose the recorded CRC-32; every runtime
    /// the runner runs on (.NET Core 2.1 and later) has the property, so it is read by name. Null only on .NET Framework,
    /// which never reads bundles (it only hosts the build).
    /// </summary>
    private static readonly PropertyInfo? RecordedCrc = typeof(ZipArchiveEntry).GetProperty("Crc32");

    /// <exception cref="Refused">The archive opened but one of its entries is not acceptable; the message names it.</exception>
    public static void Extract(ZipArchive zip, string extractTo)
    {
        var root = Path.GetFullPath(extractTo).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        var files = FileEntries(zip, root);
        if (!files.TryGetValue(BundleManifest.FileName, out var manifestEntry))
        {
            throw new Refused($"it is not a bundle: it has no {BundleManifest.FileName}");
        }

        BundleManifest manifest;
        try
        {
            manifest = ManifestJson.Read(Encoding.UTF8.GetString(ReadChecked(manifestEntry.Entry)));
        }
        catch (FormatException e)
        {
            throw new Refused(e.Message);
        }

        var listed = BundleFiles.Listed(manifest);
        if (files.Keys.FirstOrDefault(name => !listed.Contains(name)) is { } unlisted)
        {
            throw new Refused(BundleFiles.NotListed(unlisted));
        }

        foreach (var (entry, target) in files.Values)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var file = new FileStream(target, FileMode.CreateNew, FileAccess.Write);
            CopyChecked(entry, file);
        }
    }

    /// <summary>File entries (folders carry nothing) by bundle-relative path, in path order; each must be inside the folder and there once.</summary>
    private static SortedDictionary<string, (ZipArchiveEntry Entry, string Target)> FileEntries(ZipArchive zip, string root)
    {
        var files = new SortedDictionary<string, (ZipArchiveEntry, string)>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries.Where(e => e.Name.Length > 0))
        {
            var target = Path.GetFullPath(Path.Combine(root, entry.FullName));
            if (!target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new Refused($"archive entry '{entry.FullName}' points outside the bundle");
            }

            // Compared as the file each would become, so 'a/./b.sql' and 'a/b.sql' are the same entry.
            var relative = target.Substring(root.Length + 1).Replace(Path.DirectorySeparatorChar, '/');
            if (files.ContainsKey(relative))
            {
                throw new Refused($"archive entry '{entry.FullName}' appears more than once: the archive was not written by TenantModels or was modified after it was built");
            }

            files.Add(relative, (entry, target));
        }

        return files;
    }

    private static byte[] ReadChecked(ZipArchiveEntry entry)
    {
        using var bytes = new MemoryStream();
        CopyChecked(entry, bytes);
        return bytes.ToArray();
    }

    private static void CopyChecked(ZipArchiveEntry entry, Stream target)
    {
        var crc = ZipCrc32.Initial;
        var buffer = new byte[1 << 16];
        using (var source = entry.Open())
        {
            int read;
            while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
            {
                crc = ZipCrc32.Update(crc, buffer, 0, read);
                target.Write(buffer, 0, read);
            }
        }

        crc = ZipCrc32.Finish(crc);
        if (RecordedCrc?.GetValue(entry) is uint recorded && recorded != crc)
        {
            throw new Refused($"archive entry '{entry.FullName}' is damaged: its CRC-32 is {crc:x8}, the archive recorded {recorded:x8}");
        }
    }

    /// <summary>An entry is not acceptable: reported as it is, not as an archive that cannot be read.</summary>
    internal sealed class Refused : Exception
    {
        public Refused(string message)
            : base(message)
        {
        }
    }
}
