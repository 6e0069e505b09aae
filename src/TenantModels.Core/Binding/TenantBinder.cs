using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Parsing;
using TenantModels.Core.Sql;
using TenantModels.Core.Syntax;
using TenantModels.Core.Validation;

namespace TenantModels.Core.Binding;

/// <summary>Applies the registry's defaults to each tenant, resolves its sources and type-checks its attributes.</summary>
internal sealed class TenantBinder
{
    private readonly TenantRegistrySyntax _registry;
    private readonly IReadOnlyDictionary<string, BoundSource> _sources;
    private readonly IReadOnlyList<BoundColumn> _attributeTypes;
    private readonly DiagnosticBag _diagnostics;
    private readonly IReadOnlyDictionary<string, string> _defaultAttributes;
    private readonly IReadOnlyList<string> _defaultSources;
    private readonly int _defaultPriority;
    private readonly string? _defaultDatabase;
    private readonly string? _defaultTimeZone;
    private readonly int? _defaultRefreshTimeout;

    public TenantBinder(TenantRegistrySyntax registry, IReadOnlyDictionary<string, BoundSource> sources, DiagnosticBag diagnostics)
    {
        _registry = registry;
        _sources = sources;
        _diagnostics = diagnostics;
        _attributeTypes = TypeBinder.BindColumns(registry.AttributeTypes, diagnostics);
        var defaults = registry.Defaults;
        _defaultAttributes = Attributes(defaults.Attributes);
        _defaultSources = defaults.Sources is null ? new string[0] : Sources(defaults.Sources);
        _defaultPriority = defaults.Priority is { } p ? Priority(p) : BoundTenant.DefaultPriority;
        _defaultDatabase = defaults.Database is { } d ? Database(d) : null;
        _defaultTimeZone = defaults.TimeZone is { } zone ? TenantScheduleSettings.TimeZone(zone, diagnostics) : null;
        _defaultRefreshTimeout = defaults.RefreshTimeout is { } timeout ? TenantScheduleSettings.TimeoutSeconds(timeout, diagnostics) : null;
    }

    public IReadOnlyList<BoundTenant> BindAll() => _registry.Tenants.Select(Bind).ToList();

    /// <summary>The declared attributes, for <c>{{ attr('name') }}</c> in SQL.</summary>
    public IReadOnlyList<BoundColumn> AttributeTypes => _attributeTypes;

    public BoundTenantDefaults Defaults => new(
        _registry.Defaults.Tier?.Value,
        _attributeTypes.Select(a => new BoundAttribute(a.Name, a.Type, a.Nullable, _defaultAttributes.TryGetValue(a.Name, out var value) ? value : null)).ToList(),
        _defaultTimeZone,
        _defaultRefreshTimeout);

    private BoundTenant Bind(TenantSyntax tenant)
    {
        var settings = tenant.Settings;
        var defaults = _registry.Defaults;
        return new BoundTenant(
            tenant.Id.Value,
            tenant.Name ?? tenant.Id.Value,
            settings.Enabled ?? defaults.Enabled ?? true,
            settings.Sources is null ? _defaultSources : Sources(settings.Sources),
            settings.Priority is { } priority ? Priority(priority) : _defaultPriority,
            (settings.Tier ?? defaults.Tier)?.Value,
            settings.Database is { } database ? Database(database) : _defaultDatabase,
            BindAttributes(tenant),
            tenant.Id.Location,
            settings.TimeZone is { } zone ? TenantScheduleSettings.TimeZone(zone, _diagnostics) : _defaultTimeZone,
            settings.RefreshTimeout is { } timeout ? TenantScheduleSettings.TimeoutSeconds(timeout, _diagnostics) : _defaultRefreshTimeout);
    }

    /// <summary>Every declared attribute with the tenant's value, else the default; a missing required one is reported.</summary>
    private IReadOnlyList<BoundAttribute> BindAttributes(TenantSyntax tenant)
    {
        if (_attributeTypes.Count == 0 && tenant.Settings.Attributes.Count == 0)
        {
            // A registry without attributes: nothing to bind, and 10,000 tenants need no dictionary each.
            return System.Array.Empty<BoundAttribute>();
        }

        var values = new Dictionary<string, string>();
        foreach (var kv in _defaultAttributes)
        {
            values[kv.Key] = kv.Value;
        }

        foreach (var kv in Attributes(tenant.Settings.Attributes))
        {
            values[kv.Key] = kv.Value;
        }

        var attributes = new List<BoundAttribute>(_attributeTypes.Count);
        foreach (var declared in _attributeTypes)
        {
            values.TryGetValue(declared.Name, out var value);
            if (value is null && !declared.Nullable)
            {
                _diagnostics.Report(DefinitionDiagnostics.MissingAttribute, tenant.Id.Location, tenant.Id.Value, declared.Name);
            }

            attributes.Add(new BoundAttribute(declared.Name, declared.Type, declared.Nullable, value));
        }

        return attributes;
    }

    private IReadOnlyDictionary<string, string> Attributes(IReadOnlyList<KeyValuePair<Located<string>, AttributeValueSyntax>> written)
    {
        var values = new Dictionary<string, string>();
        foreach (var entry in written)
        {
            var declared = _attributeTypes.FirstOrDefault(a => a.Name == entry.Key.Value);
            if (declared is null)
            {
                _diagnostics.Report(DefinitionDiagnostics.UndeclaredAttribute, entry.Key.Location, entry.Key.Value,
                    NameSuggestions.DidYouMean(entry.Key.Value, _attributeTypes.Select(a => a.Name)));
            }
            else if (Value(declared, entry.Value) is { } normalized)
            {
                values[declared.Name] = normalized;
            }
        }

        return values;
    }

    /// <summary>
    /// The canonical text of a value checked against the declared type, or null (reported). An array is written as a
    /// YAML list or as PostgreSQL's <c>{a,b}</c> text; either way each element is checked against the element type.
    /// </summary>
    private string? Value(BoundColumn declared, AttributeValueSyntax written)
    {
        var isArray = declared.Type.Category == TypeCategory.Array;
        if (written.Items is { } items && !isArray)
        {
            _diagnostics.Report(DefinitionDiagnostics.WrongNodeKind, written.Text.Location, declared.Name,
                $"a single value: it is declared {declared.Type.SqlName} (a list is for an array type, e.g. {declared.Type.SqlName}[])");
            return null;
        }

        if (!isArray)
        {
            if (LiteralValues.TryNormalize(declared.Type, written.Text.Value, out var normalized))
            {
                return normalized;
            }

            _diagnostics.Report(DefinitionDiagnostics.InvalidAttributeValue, written.Text.Location, declared.Name, declared.Type.SqlName, written.Text.Value);
            return null;
        }

        IReadOnlyList<Located<string>?>? elements = written.Items;
        if (elements is null)
        {
            var parsed = ArrayLiteral.TryParse(written.Text.Value);
            if (parsed is null)
            {
                _diagnostics.Report(DefinitionDiagnostics.InvalidAttributeValue, written.Text.Location, declared.Name, declared.Type.SqlName, written.Text.Value);
                return null;
            }

            elements = parsed.Select(e => e is null ? (Located<string>?)null : new Located<string>(e, written.Text.Location)).ToList();
        }

        var canonical = new List<string?>();
        var ok = true;
        foreach (var element in elements)
        {
            if (element is null)
            {
                canonical.Add(null);
            }
            else if (LiteralValues.TryNormalize(declared.Type.ElementType!, element.Value.Value, out var normalized))
            {
                canonical.Add(normalized);
            }
            else
            {
                _diagnostics.Report(DefinitionDiagnostics.InvalidAttributeValue, element.Value.Location, declared.Name, declared.Type.SqlName, element.Value.Value);
                ok = false;
            }
        }

        return ok ? ArrayLiteral.Write(canonical) : null;
    }

    private IReadOnlyList<string> Sources(IReadOnlyList<Located<string>> written)
    {
        var known = new List<string>();
        foreach (var source in written)
        {
            if (!_sources.ContainsKey(source.Value))
            {
                _diagnostics.Report(DefinitionDiagnostics.UnknownSource, source.Location, source.Value,
                    NameSuggestions.DidYouMean(source.Value, _sources.Keys));
            }
            else if (!known.Contains(source.Value))
            {
                known.Add(source.Value);
            }
        }

        return known;
    }

    private int Priority(Located<string> written)
    {
        if (int.TryParse(written.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var priority))
        {
            return priority;
        }

        _diagnostics.Report(DefinitionDiagnostics.InvalidValue, written.Location, written.Value, "priority", "a whole number (lower runs first)");
        return BoundTenant.DefaultPriority;
    }

    private string? Database(Located<string> written) =>
        DefinitionValidator.ValidName(written, "database key", _diagnostics) ? written.Value : null;
}
