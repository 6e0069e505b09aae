using TenantModels.Core.Diagnostics;
using YamlDotNet.Core;

namespace TenantModels.Core.Parsing;

/// <summary>Stops YamlDotNet's loading from inside its event stream when a file passes a <see cref="DefinitionLimits"/> bound.</summary>
internal sealed class YamlLimitException : System.Exception
{
    public YamlLimitException(Mark at, DiagnosticDescriptor descriptor, params object[] arguments)
        : base(descriptor.Code)
    {
        At = at;
        Descriptor = descriptor;
        Arguments = arguments;
    }

    public Mark At { get; }

    public DiagnosticDescriptor Descriptor { get; }

    public object[] Arguments { get; }
}
