using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Naming;

namespace TenantModels.Runner.Logins;

/// <summary>One login to create or update: its role and the SCRAM verifier of the password read from the environment.</summary>
/// <param name="Tenant">The tenant whose role it joins; null for admin and app logins, which go to every database.</param>
internal sealed record LoginSpec(string Name, string? Tenant, string Role, string Verifier);

/// <summary>
/// The logins file (JSON) supplied at apply time; it names environment variables, never passwords:
/// <code>
/// { "logins": [
///     { "name": "nc_partner", "tenant": "north_carolina", "role": "partner", "passwordVariable": "NC_PARTNER_PASSWORD" },
///     { "name": "analyst", "role": "admin", "passwordVariable": "ANALYST_PASSWORD" },
///     { "name": "web", "role": "app", "passwordVariable": "WEB_PASSWORD" } ] }
/// </code>
/// <c>role</c> is a tenant role kind of the bundle (with <c>tenant</c>), or <c>admin</c> / <c>app</c> (without).
/// </summary>
internal static class LoginsFile
{
    /// <summary>Every login resolved, or the first problem as a diagnostic (nothing is changed before all of them resolve).</summary>
    public static (IReadOnlyList<LoginSpec>? Logins, Diagnostic? Error) Read(string path, BundleManifest manifest, Func<string, string?> environment)
    {
        if (manifest.Security is not { } security)
        {
            return (null, RunnerDiagnostics.LoginsNeedSecurity.At(SourceLocation.None));
        }

        List<(string Name, string? Tenant, string Role, string Variable)> entries;
        try
        {
            entries = Parse(path, security);
        }
        catch (InvalidDataException e)
        {
            return (null, RunnerDiagnostics.InvalidLogins.At(SourceLocation.None, path, e.Message));
        }

        var tenants = manifest.Tenants.Where(t => t.Enabled).Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var projectRoles = new HashSet<string>(StringComparer.Ordinal) { security.Owner, security.Admin, security.App };
        projectRoles.UnionWith(security.TenantRoles.Select(r => r.Group));
        projectRoles.UnionWith(security.TenantRoles.SelectMany(r => manifest.Tenants.Select(t => r.RoleFor(t.Id))));
        var logins = new List<LoginSpec>();
        foreach (var (name, tenant, role, variable) in entries)
        {
            if (projectRoles.Contains(name))
            {
                return (null, RunnerDiagnostics.InvalidLogins.At(SourceLocation.None, path, $"login '{name}' has the name of a role the bundle creates; logins are separate LOGIN roles"));
            }

            if (tenant is not null && !tenants.Contains(tenant))
            {
                return (null, RunnerDiagnostics.LoginTenantUnknown.At(SourceLocation.None, name, tenant));
            }

            var password = environment(variable);
            if (string.IsNullOrEmpty(password))
            {
                return (null, RunnerDiagnostics.LoginPasswordMissing.At(SourceLocation.None, name, variable));
            }

            var roleName = role == "admin" ? security.Admin
                : role == "app" ? security.App
                : security.TenantRoles.First(r => r.Kind == role).RoleFor(tenant!);
            logins.Add(new LoginSpec(name, tenant, roleName, ScramVerifier.Compute(password)));
        }

        return (logins, null);
    }

    private static List<(string, string?, string, string)> Parse(string path, BundleSecurity security)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var result = new List<(string, string?, string, string)>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in doc.RootElement.GetProperty("logins").EnumerateArray())
            {
                foreach (var property in entry.EnumerateObject())
                {
                    if (property.Name is not ("name" or "tenant" or "role" or "passwordVariable"))
                    {
                        throw new InvalidDataException(property.Name == "password"
                            ? "a login holds a password: name an environment variable with \"passwordVariable\" instead (the file must hold no secret)"
                            : $"unknown key '{property.Name}' (expected name, tenant, role, passwordVariable)");
                    }
                }

                var name = entry.GetProperty("name").GetString() ?? string.Empty;
                var role = entry.GetProperty("role").GetString() ?? string.Empty;
                var tenant = entry.TryGetProperty("tenant", out var t) ? t.GetString() : null;
                var variable = entry.TryGetProperty("passwordVariable", out var v) ? v.GetString() : null;
                if (!IdentifierRules.IsValidName(name))
                {
                    throw new InvalidDataException($"login name '{name}' must match [a-z][a-z0-9_]*");
                }

                if (!seen.Add(name))
                {
                    throw new InvalidDataException($"login '{name}' is listed twice");
                }

                var kinds = security.TenantRoles.Select(r => r.Kind).ToList();
                if (role is "admin" or "app")
                {
                    if (tenant is not null)
                    {
                        throw new InvalidDataException($"login '{name}': role '{role}' is global and takes no tenant");
                    }
                }
                else if (!kinds.Contains(role))
                {
                    throw new InvalidDataException($"login '{name}': unknown role '{role}' (expected admin, app or a tenant role kind: {string.Join(", ", kinds)})");
                }
                else if (tenant is null)
                {
                    throw new InvalidDataException($"login '{name}': role '{role}' is a tenant role kind and needs \"tenant\"");
                }

                if (string.IsNullOrEmpty(variable))
                {
                    throw new InvalidDataException($"login '{name}' has no \"passwordVariable\"");
                }

                result.Add((name, tenant, role, variable!));
            }

            return result;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException(e.Message, e);
        }
    }
}
