using System;
using System.IO;
using System.Text.RegularExpressions;

namespace TenantModels.Sdk.Tests.Infrastructure;

/// <summary>
/// Turns a sample's project file, which imports TenantModels.Sdk from the repository's source (samples/Sdk), into the
/// project a user writes: <c>&lt;Project Sdk="TenantModels.Sdk"&gt;</c>, resolved from the packed package. The two are
/// the same project: the Sdk attribute is MSBuild's shorthand for importing Sdk.props first and Sdk.targets last.
/// </summary>
internal static partial class PackageConsumerProject
{
    private const string FromSourceRoot = "<Project>";

    public static void Convert(string projectFile)
    {
        var text = File.ReadAllText(projectFile);
        var imports = FromSourceImport().Matches(text).Count;
        if (!text.StartsWith(FromSourceRoot, StringComparison.Ordinal) || imports != 2)
        {
            throw new InvalidOperationException(
                $"{projectFile} does not import the SDK from source as every sample does (<Project>, then ../Sdk/Sdk.props first and ../Sdk/Sdk.targets last)");
        }

        text = "<Project Sdk=\"TenantModels.Sdk\">" + FromSourceImport().Replace(text, string.Empty)[FromSourceRoot.Length..];
        File.WriteAllText(projectFile, text);
    }

    [GeneratedRegex(@"^[ \t]*<Import Project=""\.\./Sdk/Sdk\.(props|targets)"" />\r?\n", RegexOptions.Multiline)]
    private static partial Regex FromSourceImport();
}
