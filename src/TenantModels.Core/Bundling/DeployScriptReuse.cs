using System.Globalization;
using System.IO;

namespace TenantModels.Core.Bundling;

/// <summary>
/// Keeps the previous build's deploy.sql when the new one would be the same bytes. deploy.sql grows with models × tenants
/// (100 MB at 10,000 tenants × 10 models), and many tenant edits — a name, a tier, a wave, a time zone — do not change it.
/// A small record among the build's intermediate files holds the previous script's input key
/// (<see cref="DeployScript.InputKey"/>), checksum, size and write time; the script is kept, moved into the new bundle,
/// only when all four still hold, so a deploy.sql changed or removed by hand is written again.
/// </summary>
public sealed class DeployScriptReuse
{
    private readonly string _recordPath;
    private string? _key;

    public DeployScriptReuse(string recordPath) => _recordPath = recordPath;

    /// <summary>Moves <paramref name="previousScript"/> to <paramref name="stagedScript"/> and settles the bundle's deploy checksum, when it is still right.</summary>
    internal bool TryKeep(Bundle bundle, string previousScript, string stagedScript)
    {
        if (!bundle.DeployChecksumPending)
        {
            return false;
        }

        _key = DeployScript.InputKey(bundle.ManifestWithoutDeployChecksum);
        if (!File.Exists(_recordPath) || !File.Exists(previousScript))
        {
            return false;
        }

        var record = File.ReadAllText(_recordPath).Split('\n');
        var previous = new FileInfo(previousScript);
        if (record.Length < 4 || record[0] != _key || record[2] != Length(previous) || record[3] != WriteTime(previous))
        {
            return false;
        }

        File.Move(previousScript, stagedScript);
        bundle.SettleDeployChecksum(record[1]);
        return true;
    }

    /// <summary>Records the script the bundle now holds, for the next build.</summary>
    internal void Remember(Bundle bundle, string script)
    {
        var written = new FileInfo(script);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_recordPath))!);
        var key = _key ?? DeployScript.InputKey(bundle.Manifest);
        File.WriteAllText(_recordPath, string.Join("\n", key, bundle.Manifest.DeployChecksum, Length(written), WriteTime(written)) + "\n");
    }


    private static string Length(FileInfo file) => file.Length.ToString(CultureInfo.InvariantCulture);

    private static string WriteTime(FileInfo file) => file.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture);
}
