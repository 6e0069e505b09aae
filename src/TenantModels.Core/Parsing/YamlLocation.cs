using TenantModels.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TenantModels.Core.Parsing;

internal static class YamlLocation
{
    public static SourceLocation Of(string path, YamlNode node) => Of(path, node.Start);

    public static SourceLocation Of(string path, Mark mark) =>
        mark.Line <= 0 ? SourceLocation.StartOf(path) : new SourceLocation(path, (int)mark.Line, (int)mark.Column);
}
