using System;
using System.IO;
using System.Linq;

namespace TenantModels.Testing;

/// <summary>Finds the PostgreSQL server programs (initdb, pg_ctl) the test server needs.</summary>
public static class PostgresBinaries
{
    /// <summary>
    /// Prefers the versioned Debian layout (newest version first) because PATH may hold only client tools
    /// (psql) while the server programs live under /usr/lib/postgresql/&lt;version&gt;/bin.
    /// </summary>
    /// <exception cref="InvalidOperationException">No PostgreSQL server binaries are installed.</exception>
    public static string FindBinDirectory()
    {
        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var versioned = Directory.EnumerateDirectories(debianRoot)
                .Select(dir => Path.Combine(dir, "bin"))
                .Where(HasServerPrograms)
                .OrderByDescending(dir => VersionOf(dir))
                .FirstOrDefault();
            if (versioned is not null)
            {
                return versioned;
            }
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        var onPath = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(HasServerPrograms);
        if (onPath is not null)
        {
            return onPath;
        }

        throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found under /usr/lib/postgresql/*/bin or on PATH. " +
            "Install them with `apt-get install -y postgresql` (tests/run.sh does this) and run the tests again.");
    }

    private static bool HasServerPrograms(string dir) =>
        File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"));

    private static int VersionOf(string binDir)
    {
        var name = Path.GetFileName(Path.GetDirectoryName(binDir)) ?? string.Empty;
        var major = name.Split('.')[0];
        return int.TryParse(major, out var version) ? version : 0;
    }
}
