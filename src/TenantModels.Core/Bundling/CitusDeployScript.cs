using System.IO;

namespace TenantModels.Core.Bundling;

/// <summary>
/// deploy.sql of a bundle for Citus (<c>distribution: citus</c>, docs/citus.md): what the runner does per unit, done per
/// artefact. Schema-based sharding is on while tenant artefacts run, so exactly the schemas created for tenants become
/// distributed schemas placed on the workers, and off for everything else (the canonical, shared and security schemas
/// stay on the coordinator). Plain SET, not SET LOCAL: the script is run with or without <c>psql -1</c>, and it resets
/// the setting at its end.
/// </summary>
internal sealed class CitusDeployScript
{
    private const string Setting = "citus.enable_schema_based_sharding";

    private bool? _on;

    public static CitusDeployScript? For(BundleManifest manifest) =>
        manifest.Distribution == Binding.Distributions.Citus ? new CitusDeployScript() : null;

    public static void WriteHeader(TextWriter writer) =>
        writer.Write("-- Citus (distribution: citus): run on the coordinator; tenant schemas become distributed schemas, as the runner makes them.\n");

    /// <summary>Before an artefact: the setting its scope needs, when it differs from the one in force.</summary>
    public void Before(TextWriter writer, BundleArtefact artefact)
    {
        var on = artefact.Scope == ArtefactScope.Tenant;
        if (_on == on)
        {
            return;
        }

        _on = on;
        writer.Write("\nSET ");
        writer.Write(Setting);
        writer.Write(on ? " = on;\n" : " = off;\n");
    }

    public static void WriteFooter(TextWriter writer)
    {
        writer.Write("\nRESET ");
        writer.Write(Setting);
        writer.Write(";\n");
    }
}
