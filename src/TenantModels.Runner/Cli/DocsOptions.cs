using System;
using System.CommandLine;

namespace TenantModels.Runner.Cli;

/// <summary>Arguments of <c>tenantmodels docs</c>.</summary>
/// <param name="Output">The folder the site is written to (replaced whole).</param>
/// <param name="Connection">When given, each tenant's live status (deployed version, drift, pending steps) is read from this database and shown.</param>
public sealed record DocsOptions(string BundleDirectory, string Output, string? Connection)
{
    internal static Command CreateCommand(Func<DocsOptions, int> run)
    {
        var bundle = CommonOptions.BundleDirectory();
        var output = new Option<string>("--output", "-o")
        {
            Description = "The folder to write the site to; it is replaced whole. Open its index.html in a browser, or serve it from any static host.",
            Required = true,
        };
        var connection = CommonOptions.Connection();
        connection.Description = "Optional: also show each tenant's live status (deployed version, drift, pending steps) read from this database. " + connection.Description;
        var command = new Command("docs", "Write a static documentation site of the bundle: lineage graph, a page per model and tenant, the security matrix, search.");
        command.Arguments.Add(bundle);
        command.Options.Add(output);
        command.Options.Add(connection);
        command.SetAction(result => run(new DocsOptions(result.GetValue(bundle)!, result.GetValue(output)!, result.GetValue(connection))));
        return command;
    }
}
