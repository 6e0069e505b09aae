using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Diagnostics;

namespace TenantModels.Core.Binding;

/// <summary>Orders models so each comes after what it references (ties by name, for stable output); reports each cycle once, naming it.</summary>
internal static class DependencyOrder
{
    public static IReadOnlyList<BoundModel> Sort(IReadOnlyList<BoundModel> models, DiagnosticBag diagnostics)
    {
        var byName = models.ToDictionary(m => m.Name, System.StringComparer.Ordinal);
        var ordered = new List<BoundModel>();
        var state = new Dictionary<string, int>(); // 1 = visiting, 2 = done
        var reported = new HashSet<string>();

        void Visit(BoundModel model, Stack<string> path)
        {
            if (state.TryGetValue(model.Name, out var s))
            {
                if (s == 1)
                {
                    var cycle = path.Reverse().SkipWhile(n => n != model.Name).Concat(new[] { model.Name }).ToList();
                    var key = string.Join(",", cycle.Skip(1).OrderBy(n => n, System.StringComparer.Ordinal));
                    if (reported.Add(key))
                    {
                        diagnostics.Report(DefinitionDiagnostics.ReferenceCycle, byName[cycle[0]].Location, string.Join(" -> ", cycle));
                    }
                }

                return;
            }

            state[model.Name] = 1;
            path.Push(model.Name);
            foreach (var dependency in model.References.Where(byName.ContainsKey))
            {
                Visit(byName[dependency], path);
            }

            path.Pop();
            state[model.Name] = 2;
            ordered.Add(model);
        }

        foreach (var model in models.OrderBy(m => m.Name, System.StringComparer.Ordinal))
        {
            Visit(model, new Stack<string>());
        }

        return ordered;
    }
}
