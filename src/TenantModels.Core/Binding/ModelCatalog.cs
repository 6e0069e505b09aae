using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Syntax;

namespace TenantModels.Core.Binding;

/// <summary>What binding one model needs to know of the others (references and foreign keys), read from their syntax.</summary>
internal sealed class ModelCatalog
{
    private readonly Dictionary<string, ModelSyntax> _models;

    public ModelCatalog(IEnumerable<ModelSyntax> models) =>
        _models = models.ToDictionary(m => m.Name.Value, m => m, System.StringComparer.Ordinal);

    public IEnumerable<string> Names => _models.Keys;

    public ModelSyntax? Find(string name) => _models.TryGetValue(name, out var model) ? model : null;
}
