using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace TenantModels.Core.Bundling;

/// <summary>
/// One shipped isolation assertion (<c>checks/isolation.sql</c>): a read-only query returning one row
/// <c>(object text, problem text)</c> per violation, so no rows means the assertion holds.
/// </summary>
/// <param name="Name">Stable name, e.g. <c>privileges.table.screens</c>.</param>
/// <param name="Scope">Global: run once per database; tenant: a template run for each tenant (<see cref="ArtefactTemplate"/>).</param>
/// <param name="Artefact">Runs only where this artefact (for that tenant) is recorded as deployed: a database holding only
/// some tenants, or a model not applied yet, is checked for what it has.</param>
/// <param name="RequiresSuperuser">Behavioural checks that <c>SET ROLE</c> to the project's roles: skipped for other verifiers.</param>
public sealed record IsolationCheck(string Name, ArtefactScope Scope, string Artefact, bool RequiresSuperuser, string Sql)
{
    public const string FilePath = "checks/isolation.sql";

    private const string CheckPrefix = "-- check: ";
    private const string ScopePrefix = "-- scope: ";
    private const string ArtefactPrefix = "-- artefact: ";
    private const string RequiresPrefix = "-- requires: superuser";

    /// <summary>The file: a header, then each check as its header lines and its SQL; runnable by hand with psql for global checks.</summary>
    public static string Write(IEnumerable<IsolationCheck> checks)
    {
        var text = new StringBuilder();
        text.Append("-- TenantModels isolation checks: each query returns (object, problem) rows for what violates it; none means it holds.\n");
        text.Append("-- Tenant checks are templates over {{tenant}}; `tenantmodels verify` runs them in a read-only transaction that is rolled back.\n");
        foreach (var check in checks)
        {
            text.Append('\n').Append(CheckPrefix).Append(check.Name).Append('\n')
                .Append(ScopePrefix).Append(check.Scope == ArtefactScope.Tenant ? "tenant" : "global").Append('\n')
                .Append(ArtefactPrefix).Append(check.Artefact).Append('\n');
            if (check.RequiresSuperuser)
            {
                text.Append(RequiresPrefix).Append('\n');
            }

            text.Append(check.Sql.TrimEnd('\n')).Append('\n');
        }

        return text.ToString();
    }

    /// <exception cref="FormatException">A check lacks its scope or artefact line.</exception>
    public static IReadOnlyList<IsolationCheck> Parse(string text)
    {
        var checks = new List<IsolationCheck>();
        string? name = null;
        string? scope = null;
        string? artefact = null;
        var superuser = false;
        var sql = new StringBuilder();

        void Flush()
        {
            if (name is null)
            {
                return;
            }

            if (scope is null || artefact is null)
            {
                throw new FormatException($"isolation check '{name}' has no '{ScopePrefix.Trim()}' or '{ArtefactPrefix.Trim()}' line");
            }

            checks.Add(new IsolationCheck(name, scope == "tenant" ? ArtefactScope.Tenant : ArtefactScope.Global, artefact, superuser, sql.ToString().Trim('\n') + "\n"));
        }

        foreach (var line in text.Replace("\r\n", "\n").Split('\n'))
        {
            if (line.StartsWith(CheckPrefix, StringComparison.Ordinal))
            {
                Flush();
                name = line.Substring(CheckPrefix.Length).Trim();
                scope = null;
                artefact = null;
                superuser = false;
                sql.Clear();
            }
            else if (name is not null && line.StartsWith(ScopePrefix, StringComparison.Ordinal))
            {
                scope = line.Substring(ScopePrefix.Length).Trim();
            }
            else if (name is not null && line.StartsWith(ArtefactPrefix, StringComparison.Ordinal))
            {
                artefact = line.Substring(ArtefactPrefix.Length).Trim();
            }
            else if (name is not null && line.StartsWith(RequiresPrefix, StringComparison.Ordinal))
            {
                superuser = true;
            }
            else if (name is not null)
            {
                sql.Append(line).Append('\n');
            }
        }

        Flush();
        return checks.Where(c => c.Sql.Trim().Length > 0).ToList();
    }
}
