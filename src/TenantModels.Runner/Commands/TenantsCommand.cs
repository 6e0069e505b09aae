using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Npgsql;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Naming;
using TenantModels.Runner.Cli;
using TenantModels.Runner.Connection;
using TenantModels.Runner.Database;
using TenantModels.Runner.Output;
using TenantModels.Runner.Targets;

namespace TenantModels.Runner.Commands;

/// <summary><c>tenants list|show|discover</c>: read-only views of the bundle's tenants, the run-time ones, and raw schemas nobody claims.</summary>
internal sealed class TenantsCommand
{
    private readonly RunnerContext _context;

    public TenantsCommand(RunnerContext context) => _context = context;

    public int Run(TenantsOptions options)
    {
        if (options.Action is "provision" or "remove")
        {
            return new ProvisionCommand(_context).Run(options);
        }

        if (options.Action == "move")
        {
            return new Citus.TenantMoveCommand(_context).Run(options);
        }

        var reporter = new Reporter(_context, "tenants " + options.Action, options.Json);
        var preflight = Preflight.Run(_context, reporter, options.BundleDirectory, options.Connection, out var exitCode, needsConnection: options.Targets is null);
        if (preflight is null)
        {
            return exitCode;
        }

        var manifest = preflight.Bundle.Manifest;
        List<TenantResult> tenants;
        if (options.Targets is not null)
        {
            var fleet = Across(reporter, preflight, options, out exitCode);
            if (fleet is null)
            {
                return exitCode;
            }

            tenants = fleet;
        }
        else
        {
            try
            {
                tenants = Read(preflight.ConnectionString, manifest, options, null);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or FormatException)
            {
                return reporter.Fail(ExitCodes.Failed, RunnerDiagnostics.DatabaseError.At(SourceLocation.None, "read the tenants", ErrorCause.Of(e)));
            }
        }

        if (options.Action == "show" && tenants.Count == 0)
        {
            return reporter.Fail(ExitCodes.UsageError, RunnerDiagnostics.UnknownTenant.At(SourceLocation.None, options.TenantId!,
                options.Targets is null ? "is neither in the bundle nor provisioned in this database" : "is neither in the bundle nor provisioned in any database of the target map"));
        }

        var fleetWide = options.Targets is not null;
        string[] Cells(TenantResult t) => (fleetWide ? new[] { t.Target ?? "-" } : Array.Empty<string>()).Concat(new[] { t.Id, t.Origin, string.Join(",", t.Sources), t.Deployed ?? "-" }).ToArray();
        var table = new TextTable((fleetWide ? new[] { "target" } : Array.Empty<string>()).Concat(new[] { "tenant", "origin", "sources", "deployed" }).ToArray(), tenants.Select(Cells));
        reporter.Line(table.Header);
        foreach (var t in tenants)
        {
            reporter.Line(table.Format(Cells(t)));
            foreach (var o in t.Objects ?? Array.Empty<string>())
            {
                reporter.Line("    " + o);
            }
        }

        reporter.WriteJson(new RunResult("tenants " + options.Action, "ok", ExitCodes.Success, manifest.Project, manifest.BundleVersion, manifest.ContentHash) { Tenants = tenants });
        return ExitCodes.Success;
    }

    /// <summary>One database's view: the bundle tenants that live there (<paramref name="include"/>; all when null), the ones provisioned in it, what is deployed for each.</summary>
    private static List<TenantResult> Read(string connectionString, Core.Bundling.BundleManifest manifest, TenantsOptions options, Func<Core.Bundling.BundleTenant, bool>? include)
    {
        using var dataSource = RunnerDataSource.Create(connectionString);
        using var connection = dataSource.OpenConnection();
        var rows = DeploymentRecord.ReadRows(connection, null);
        var known = manifest.Tenants.Where(t => include is null || include(t)).Select(t => new TenantResult(t.Id, t.Name, t.Enabled ? "bundle" : "bundle (disabled)", t.Sources))
            .Concat(RuntimeTenants.Read(connection, null).Select(t => new TenantResult(t.Id, t.Name, "runtime", t.Sources)))
            .Select(t => t with
            {
                Deployed = rows.Any(r => r.Artefact.TenantId == t.Id) ? "deployed" : "none",
                Objects = rows.Where(r => r.Artefact.TenantId == t.Id).Select(r => $"{r.Artefact.Object} ({r.Artefact.ArtefactId}, {r.BundleVersion})").ToList(),
            })
            .ToList();
        return options.Action switch
        {
            "show" => known.Where(t => t.Id == options.TenantId).ToList(),
            "discover" => Discover(connection, manifest.Sources, known.Select(t => t.Id)),
            _ => known.Select(t => t with { Objects = null }).ToList(),
        };
    }

    /// <summary>
    /// Every database of the target map, its tenants marked with it; a tenant whose own database is missing on a server
    /// is listed with <c>deployed: no database</c>. Null when the map or a database could not be read (reported).
    /// </summary>
    private List<TenantResult>? Across(Reporter reporter, Preflight preflight, TenantsOptions options, out int exitCode)
    {
        var manifest = preflight.Bundle.Manifest;
        var run = new TargetMapRun(_context, reporter, preflight.Bundle, options.Targets!, 1) { UnitLines = false, ReportMissingDatabases = true };
        var results = run.RunEach((target, output, connection, _, include) =>
        {
            try
            {
                var tenants = Read(connection, manifest, options, include).Select(t => t with { Target = target }).ToList();
                return new TargetResult(target, "ok", ExitCodes.Success, Array.Empty<StepResult>(), Array.Empty<UnitResult>(), Array.Empty<DiagnosticResult>()) { Tenants = tenants };
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or FormatException)
            {
                var error = RunnerDiagnostics.DatabaseError.At(SourceLocation.None, "read the tenants", ErrorCause.Of(e));
                output.Error(Reporter.Format(error));
                return new TargetResult(target, "error", ExitCodes.Failed, Array.Empty<StepResult>(), Array.Empty<UnitResult>(), new[] { new DiagnosticResult(error.Code, error.Message) });
            }
        }, out exitCode);
        if (results is null)
        {
            return null;
        }

        if (results.FirstOrDefault(r => r.ExitCode != ExitCodes.Success) is { } failed)
        {
            exitCode = failed.ExitCode;
            reporter.WriteJson(new RunResult("tenants " + options.Action, "error", exitCode, Diagnostics: failed.Diagnostics) { Targets = results });
            return null;
        }

        var missing = results.Where(r => r.Status == TargetMapRun.NoDatabase && options.Action != "discover")
            .SelectMany(r => r.Selected!.Select(id => manifest.Tenants.First(t => t.Id == id)))
            .Where(t => options.Action != "show" || t.Id == options.TenantId)
            .Select(t => new TenantResult(t.Id, t.Name, "bundle", t.Sources, "no database", Target: results.First(r => r.Selected?.Contains(t.Id) == true).Target));
        return results.SelectMany(r => r.Tenants ?? Array.Empty<TenantResult>()).Concat(missing).ToList();
    }

    /// <summary>Schemas named like a source's raw schema pattern whose tenant part is a valid id nobody has yet.</summary>
    private static List<TenantResult> Discover(NpgsqlConnection connection, IReadOnlyList<Core.Bundling.BundleSource> sources, IEnumerable<string> known)
    {
        var taken = new HashSet<string>(known, StringComparer.Ordinal);
        var schemas = new List<string>();
        using (var command = new NpgsqlCommand("SELECT nspname FROM pg_namespace ORDER BY nspname", connection))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                schemas.Add(reader.GetString(0));
            }
        }

        var found = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            var pattern = new Regex("^" + Regex.Escape(source.RawSchemaPattern).Replace(Regex.Escape(NamingPattern.TenantToken), "(?<tenant>[a-z][a-z0-9_]*)") + "$", RegexOptions.CultureInvariant);
            foreach (var match in schemas.Select(s => pattern.Match(s)).Where(m => m.Success))
            {
                var tenant = match.Groups["tenant"].Value;
                if (!taken.Contains(tenant) && IdentifierRules.IsValidName(tenant))
                {
                    if (!found.TryGetValue(tenant, out var set))
                    {
                        found[tenant] = set = new SortedSet<string>(StringComparer.Ordinal);
                    }

                    set.Add(source.Name);
                }
            }
        }

        return found.Select(f => new TenantResult(f.Key, null, "discovered", f.Value.ToList())).ToList();
    }
}
