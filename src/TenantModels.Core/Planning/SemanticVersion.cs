using System;
using System.Globalization;
using System.Linq;

namespace TenantModels.Core.Planning;

/// <summary>A SemVer 2.0 version, compared by its precedence rules (build metadata ignored).</summary>
public sealed class SemanticVersion : IComparable<SemanticVersion>
{
    private SemanticVersion(long major, long minor, long patch, string[] prerelease)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        Prerelease = prerelease;
    }

    public long Major { get; }

    public long Minor { get; }

    public long Patch { get; }

    public string[] Prerelease { get; }

    public static bool TryParse(string text, out SemanticVersion version)
    {
        version = null!;
        var core = text.Split('+')[0];
        var dash = core.IndexOf('-');
        var numbers = (dash < 0 ? core : core.Substring(0, dash)).Split('.');
        var prerelease = dash < 0 ? Array.Empty<string>() : core.Substring(dash + 1).Split('.');
        if (numbers.Length != 3 || prerelease.Any(p => p.Length == 0))
        {
            return false;
        }

        var parsed = new long[3];
        for (var i = 0; i < 3; i++)
        {
            if (!long.TryParse(numbers[i], NumberStyles.None, CultureInfo.InvariantCulture, out parsed[i]))
            {
                return false;
            }
        }

        version = new SemanticVersion(parsed[0], parsed[1], parsed[2], prerelease);
        return true;
    }

    public int CompareTo(SemanticVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        var numbers = Major != other.Major ? Major.CompareTo(other.Major)
            : Minor != other.Minor ? Minor.CompareTo(other.Minor)
            : Patch.CompareTo(other.Patch);
        if (numbers != 0)
        {
            return numbers;
        }

        // A pre-release sorts before its release; identifiers compare numerically when both are numbers.
        if (Prerelease.Length == 0 || other.Prerelease.Length == 0)
        {
            return Prerelease.Length == other.Prerelease.Length ? 0 : Prerelease.Length == 0 ? 1 : -1;
        }

        for (var i = 0; i < Math.Min(Prerelease.Length, other.Prerelease.Length); i++)
        {
            var a = Prerelease[i];
            var b = other.Prerelease[i];
            var aNumeric = long.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var an);
            var bNumeric = long.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var bn);
            var result = aNumeric && bNumeric ? an.CompareTo(bn)
                : aNumeric ? -1
                : bNumeric ? 1
                : string.CompareOrdinal(a, b);
            if (result != 0)
            {
                return Math.Sign(result);
            }
        }

        return Prerelease.Length.CompareTo(other.Prerelease.Length);
    }
}
