using System;
using YamlDotNet.RepresentationModel;

namespace TenantModels.Core.Parsing;

/// <summary>
/// Asks <see cref="YamlDocumentLoader"/> for the items of one list under the root mapping (<c>tenants:</c>) one at a
/// time, each handed to <see cref="OnItem"/> as its node tree and then dropped, instead of as part of the document's tree.
/// </summary>
/// <remarks>
/// Why: 10,000 tenant entries are 14 MB of YamlDotNet nodes. Held whole, they live through several garbage collections
/// and are copied by each; handed out one by one, each entry's nodes die young. The document's tree then has that list
/// empty (its own node and marks kept). Only text <see cref="BlockYamlReader"/> reads is streamed: it has no anchors or
/// aliases, so no item refers to another; for other text the loader ignores this and builds the whole tree.
/// </remarks>
internal sealed class StreamedItems
{
    public StreamedItems(string rootKey, Action<YamlNode> onItem)
    {
        RootKey = rootKey;
        OnItem = onItem;
    }

    public string RootKey { get; }

    public Action<YamlNode> OnItem { get; }

    /// <summary>True once the list was found and its items streamed (zero items included).</summary>
    public bool Streamed { get; set; }
}
