namespace TenantModels.Core.Parsing;

/// <summary>
/// Bounds on what a definition file may contain, enforced before YamlDotNet builds its (recursive) node tree, so
/// no file can overflow the stack of the build or the IDE, or take time that grows faster than its size.
/// </summary>
internal static class DefinitionLimits
{
    /// <summary>UTF-8 bytes of one YAML file: a registry of 100,000 tenants fits several times over.</summary>
    public const int MaxFileBytes = 16 * 1024 * 1024;

    /// <summary>Collections nested in one another; the deepest definitions (a column mapping, a canonical index) have 5.</summary>
    public const int MaxNestingDepth = 64;

    /// <summary>
    /// Nodes that aliases stand for, summed over every alias: reading an aliased collection twice reads it twice,
    /// so aliases of aliases could otherwise make a small file cost exponential time.
    /// </summary>
    public const int MaxAliasedNodes = 1_000_000;
}
