using TenantModels.Core.Diagnostics;
using TenantModels.Core.Syntax;
using YamlDotNet.RepresentationModel;

namespace TenantModels.Core.Parsing;

/// <summary><c>schedule: { at: ["06:00", "18:00"] }</c>, <c>schedule: { cron: "0 5 * * *" }</c>, or the short form <c>schedule: "06:00"</c>.</summary>
internal static class ScheduleParser
{
    /// <summary>Null when the model has no schedule or the value is unreadable (reported).</summary>
    public static ScheduleSyntax? Parse(MappingReader model, DiagnosticBag diagnostics)
    {
        var node = model.Node("schedule");
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode)
        {
            return model.ScalarOf(node, "schedule") is { } single ? new ScheduleSyntax(new[] { single }, null, single.Location) : null;
        }

        var schedule = MappingReader.For(node, model.Path, "schedule", diagnostics, "at", "cron");
        if (schedule is null)
        {
            return null;
        }

        var at = schedule.Node("at") switch
        {
            null => new Located<string>[0],
            YamlScalarNode one => schedule.ScalarOf(one, "at") is { } time ? new[] { time } : new Located<string>[0],
            _ => schedule.ScalarList("at"),
        };
        return new ScheduleSyntax(at, schedule.Scalar("cron"), schedule.Location);
    }
}
