using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace TenantModels.Core.Bundling;

/// <summary>Writes a bundle to a folder atomically and reads one back, verifying every checksum.</summary>
public static class BundleDirectory
{
    internal static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Writes into a sibling temp folder, then swaps it in, so a failed or interrupted build never leaves a
    /// partial bundle where the runner or CI would pick it up.
    /// </summary>
    /// <param name="reuse">Keeps the previous deploy.sql of <paramref name="directory"/> when its inputs are unchanged (builds only).</param>
    public static void Write(Bundle bundle, string directory, DeployScriptReuse? reuse = null)
    {
        var full = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        var parent = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(parent);
        var staging = full + ".tmp-" + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(staging);
        try
        {
            foreach (var file in bundle.ArtefactFiles)
            {
                WriteText(Path.Combine(staging, file.Key), file.Value);
            }

            // First: a just-compiled bundle's manifest takes deploy.sql's checksum from the bytes written (or kept) here.
            var deployPath = Path.Combine(staging, BundleManifest.DeployScriptFileName);
            if (reuse?.TryKeep(bundle, Path.Combine(full, BundleManifest.DeployScriptFileName), deployPath) != true)
            {
                using var deploy = new FileStream(deployPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
                bundle.WriteDeployScript(deploy);
            }

            using (var manifest = OpenText(Path.Combine(staging, BundleManifest.FileName)))
            {
                ManifestJson.Write(bundle.Manifest, manifest);
            }

            Delete(full);
            Directory.Move(staging, full);
            reuse?.Remember(bundle, Path.Combine(full, BundleManifest.DeployScriptFileName));
        }
        catch
        {
            Delete(staging);
            throw;
        }
    }

    public static void Delete(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <exception cref="InvalidDataException">A file is missing or does not match its checksum, or the manifest is invalid.</exception>
    public static Bundle Read(string directory)
    {
        var manifestPath = Path.Combine(directory, BundleManifest.FileName);
        if (!File.Exists(manifestPath))
        {
            throw new InvalidDataException($"'{directory}' is not a bundle: it has no {BundleManifest.FileName}");
        }

        BundleManifest manifest;
        try
        {
            manifest = ManifestJson.Read(File.ReadAllText(manifestPath, Utf8NoBom));
        }
        catch (FormatException e)
        {
            throw new InvalidDataException(e.Message, e);
        }

        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var artefact in manifest.Artefacts)
        {
            var path = SafeCombine(directory, artefact.Path);
            if (!File.Exists(path))
            {
                throw new InvalidDataException($"bundle file '{artefact.Path}' of artefact '{artefact.Id}' is missing");
            }

            var bytes = File.ReadAllBytes(path);
            var actual = Checksums.Of(bytes);
            if (!string.Equals(actual, artefact.Checksum, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"bundle file '{artefact.Path}' does not match its checksum (expected {artefact.Checksum}, found {actual}): the bundle was modified after it was built");
            }

            files[artefact.Path] = Utf8NoBom.GetString(bytes);
            if (artefact.Seed is { } seed)
            {
                files[seed.RowsPath] = ReadChecked(directory, seed.RowsPath, seed.RowsChecksum, $"the rows of '{artefact.Id}'");
                files[seed.UpsertPath] = ReadChecked(directory, seed.UpsertPath, seed.UpsertChecksum, $"the upsert of '{artefact.Id}'");
            }
            foreach (var variant in artefact.TenantVariants ?? new TenantVariant[0])
            {
                files[variant.Path] = ReadChecked(directory, variant.Path, variant.Checksum, $"tenant '{variant.Tenant}''s statement of '{artefact.Id}'");
            }

            if (artefact.Scope == ArtefactScope.Union)
            {
                try
                {
                    UnionTemplate.Parse(files[artefact.Path]);
                }
                catch (FormatException e)
                {
                    throw new InvalidDataException($"bundle file '{artefact.Path}' is not a valid union template: {e.Message}", e);
                }
            }
        }

        if (manifest.Security is { } security)
        {
            files[security.ChecksPath] = ReadChecked(directory, security.ChecksPath, security.ChecksChecksum, "the isolation checks");
        }

        foreach (var test in manifest.DataTests ?? new BundleDataTest[0])
        {
            files[test.Path] = ReadChecked(directory, test.Path, test.Checksum, $"the query of data test '{test.Name}'");
        }

        var expectedHash = BundleAssembler.ContentHashOf(manifest);
        if (!string.Equals(expectedHash, manifest.ContentHash, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"manifest content hash does not match (expected {manifest.ContentHash}, found {expectedHash}): the manifest was modified after it was built");
        }

        if (manifest.DeployChecksum is { } deployChecksum)
        {
            // Not read into memory (it may be large, and the runner plans from the templates), only checked: a
            // hand-edited deploy.sql would otherwise be run by `psql -f` as if it were the build's.
            CheckDeployScript(directory, deployChecksum);
        }

        RefuseUnlistedFiles(directory, manifest);
        return new Bundle(manifest, files);
    }

    private static void CheckDeployScript(string directory, string checksum)
    {
        var path = SafeCombine(directory, BundleManifest.DeployScriptFileName);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"bundle file '{BundleManifest.DeployScriptFileName}' is missing");
        }

        var actual = Checksums.OfFile(path);
        if (!string.Equals(actual, checksum, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"bundle file '{BundleManifest.DeployScriptFileName}' does not match its checksum (expected {checksum}, found {actual}): the bundle was modified after it was built");
        }
    }

    /// <summary>Every file in the bundle's own folders (artefacts/, checks/) must be one the manifest lists; the first other one, in path order, is named.</summary>
    private static void RefuseUnlistedFiles(string directory, BundleManifest manifest)
    {
        var root = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        var listed = BundleFiles.Listed(manifest);
        foreach (var folder in BundleFiles.Folders(listed))
        {
            var full = Path.Combine(root, folder);
            if (!Directory.Exists(full))
            {
                continue;
            }

            var unlisted = Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
                .Select(f => f.Substring(root.Length + 1).Replace(Path.DirectorySeparatorChar, '/'))
                .Where(relative => !listed.Contains(relative))
                .OrderBy(relative => relative, StringComparer.Ordinal)
                .FirstOrDefault();
            if (unlisted is not null)
            {
                throw new InvalidDataException(BundleFiles.NotListed(unlisted));
            }
        }
    }

    private static string ReadChecked(string directory, string relative, string checksum, string what)
    {
        var path = SafeCombine(directory, relative);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"bundle file '{relative}' ({what}) is missing");
        }

        var bytes = File.ReadAllBytes(path);
        var actual = Checksums.Of(bytes);
        if (!string.Equals(actual, checksum, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"bundle file '{relative}' does not match its checksum (expected {checksum}, found {actual}): the bundle was modified after it was built");
        }

        return Utf8NoBom.GetString(bytes);
    }

    private static string SafeCombine(string directory, string relative)
    {
        // A user may well pass "bundle/": without trimming, every file would look like it escapes the folder.
        var root = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        var combined = Path.GetFullPath(Path.Combine(root, relative));
        if (!combined.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"bundle path '{relative}' points outside the bundle");
        }

        return combined;
    }

    /// <summary>A buffered UTF-8 (no BOM) writer with '\n' line ends, for streaming a large file.</summary>
    internal static StreamWriter OpenText(string path) => OpenText(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16));

    internal static StreamWriter OpenText(Stream stream) => new(stream, Utf8NoBom, 1 << 16) { NewLine = "\n" };

    private static void WriteText(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, Utf8NoBom);
    }

    internal static IEnumerable<string> Paths(Bundle bundle) =>
        bundle.ArtefactFiles.Keys.Concat(new[] { BundleManifest.DeployScriptFileName, BundleManifest.FileName });
}
