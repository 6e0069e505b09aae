namespace TenantModels.Core.Diagnostics;

/// <summary>TM1xxx: problems in what the user wrote (YAML shape, names, references, types).</summary>
public static class DefinitionDiagnostics
{
    public static readonly DiagnosticDescriptor YamlSyntax = Error("TM1001", "Invalid YAML",
        "invalid YAML: {0}");

    public static readonly DiagnosticDescriptor UnknownKey = Error("TM1002", "Unknown key",
        "unknown key '{0}' in {1}{2}; expected one of: {3}");

    public static readonly DiagnosticDescriptor MissingKey = Error("TM1003", "Missing required key",
        "{0} is missing required key '{1}'");

    public static readonly DiagnosticDescriptor WrongNodeKind = Error("TM1004", "Wrong kind of value",
        "'{0}' must be {1}");

    public static readonly DiagnosticDescriptor InvalidValue = Error("TM1005", "Invalid value",
        "'{0}' is not a valid value for '{1}': expected {2}");

    public static readonly DiagnosticDescriptor UnrecognizedFile = Error("TM1006", "Unrecognized definition file",
        "'{0}' is not a definition file TenantModels knows: put tenants in tenants.yaml, project settings in tenantmodels.yaml, sources under sources/ and models under models/");

    public static readonly DiagnosticDescriptor DuplicateTenant = Error("TM1010", "Duplicate tenant",
        "tenant '{0}' is defined more than once (first at {1})");

    public static readonly DiagnosticDescriptor InvalidTenantId = Error("TM1011", "Invalid tenant id",
        "tenant id '{0}' is invalid: use 1 to 63 lowercase ASCII letters, digits and underscores, starting with a letter");

    public static readonly DiagnosticDescriptor InvalidName = Error("TM1012", "Invalid name",
        "{0} name '{1}' is invalid: use 1 to 63 lowercase ASCII letters, digits and underscores, starting with a letter");

    public static readonly DiagnosticDescriptor DuplicateDefinition = Error("TM1013", "Duplicate definition",
        "{0} '{1}' is defined more than once (first at {2})");

    public static readonly DiagnosticDescriptor UnknownSource = Error("TM1020", "Unknown source",
        "unknown source '{0}'{1}");

    public static readonly DiagnosticDescriptor UnknownSourceTable = Error("TM1021", "Unknown source table",
        "source '{0}' has no table '{1}'{2}");

    public static readonly DiagnosticDescriptor UnknownSourceColumn = Error("TM1022", "Unknown source column",
        "table '{0}' of source '{1}' has no column '{2}'{3}");

    public static readonly DiagnosticDescriptor UnmappedColumn = Error("TM1023", "Column not mapped",
        "model '{0}' declares column '{1}' but its mapping from source '{2}' does not map it");

    public static readonly DiagnosticDescriptor UnknownModelColumn = Error("TM1024", "Mapping of an undeclared column",
        "model '{0}' has no column '{1}' to map{2}");

    public static readonly DiagnosticDescriptor UnknownType = Error("TM1025", "Unknown type",
        "unknown column type '{0}'{1}; supported: {2}");

    public static readonly DiagnosticDescriptor IncompatibleMapping = Error("TM1026", "Type mismatch",
        "column '{0}' is declared {1} but source column '{2}' is {3}, which PostgreSQL cannot cast to {1}");

    public static readonly DiagnosticDescriptor UnknownJoinReference = Error("TM1027", "Unknown table in mapping",
        "'{0}' refers to '{1}', which is neither the mapped table '{2}' nor one of its joins{3}");

    public static readonly DiagnosticDescriptor InvalidNamingPattern = Error("TM1029", "Invalid naming pattern",
        "naming pattern '{0}' for {1} must contain {2} and otherwise only lowercase letters, digits and underscores");

    public static readonly DiagnosticDescriptor UndeclaredAttribute = Error("TM1030", "Undeclared attribute",
        "attribute '{0}' is not declared; declare it with its type under 'attributes:' at the top of tenants.yaml{1}");

    public static readonly DiagnosticDescriptor InvalidAttributeValue = Error("TM1031", "Attribute value of the wrong type",
        "attribute '{0}' is declared {1}, but '{2}' is not a valid {1} value");

    public static readonly DiagnosticDescriptor MissingAttribute = Error("TM1032", "Required attribute missing",
        "tenant '{0}' has no value for attribute '{1}', which is declared 'nullable: false' (set it on the tenant or under defaults:)");

    public static readonly DiagnosticDescriptor ReferenceCycle = Error("TM1040", "Reference cycle",
        "models reference each other in a cycle: {0}");

    public static readonly DiagnosticDescriptor UnknownModelReference = Error("TM1041", "Unknown model",
        "'{0}' names no model{1}");

    public static readonly DiagnosticDescriptor InvalidReference = Error("TM1042", "Invalid reference",
        "{0} cannot reference model '{1}': {2}");

    public static readonly DiagnosticDescriptor InvalidModelShape = Error("TM1044", "Invalid model shape",
        "model '{0}' ({1}) is not valid: {2}");

    public static readonly DiagnosticDescriptor UnknownKeyColumn = Error("TM1045", "Unknown column in a key or index",
        "'{0}' in {1} is not a column of model '{2}'{3}");

    public static readonly DiagnosticDescriptor InvalidForeignKey = Error("TM1046", "Invalid foreign key",
        "foreign key of model '{0}' to '{1}' is invalid: {2}");

    public static readonly DiagnosticDescriptor ReservedTenantColumn = Error("TM1048", "Reserved tenant column",
        "model '{0}' has scope shared, so TenantModels adds the tenant column '{1}' itself; rename the model's own '{1}' column");

    public static readonly DiagnosticDescriptor SeedFileNotFound = Error("TM1050", "Seed file not found",
        "seed file '{0}' is not part of the project; put the CSV under seeds/ and name it relative to the project folder{1}");

    public static readonly DiagnosticDescriptor UnknownSeedColumn = Error("TM1051", "Unknown seed column",
        "seed column '{0}' is not a column of model '{1}'{2}");

    public static readonly DiagnosticDescriptor InvalidSeedValue = Error("TM1052", "Invalid seed value",
        "'{0}' in seed column '{1}' is not a valid {2} value");

    public static readonly DiagnosticDescriptor InvalidSeedRow = Error("TM1053", "Invalid seed row",
        "{0}");

    public static readonly DiagnosticDescriptor MissingSeedColumn = Error("TM1054", "Missing seed column",
        "the seed of model '{0}' has no column '{1}', which {2}");

    public static readonly DiagnosticDescriptor DuplicateSeedKey = Error("TM1055", "Duplicate key in a seed",
        "this row of the seed of model '{0}' repeats the key {1} of line {2}; every tenant's upsert of the seed would fail on it");

    public static readonly DiagnosticDescriptor SeedForeignKeyNotFound = Error("TM1056", "Seed row references a missing row",
        "this row of the seed of model '{0}' references {1} in '{2}' ({3}), {4}: loading the seeds into a new tenant would fail on the foreign key (SQLSTATE 23503)");

    public static readonly DiagnosticDescriptor InvalidSecuritySetting = Error("TM1060", "Invalid security setting",
        "'{0}' is not a valid value for security setting '{1}': expected {2}");

    public static readonly DiagnosticDescriptor UnknownGrantRole = Error("TM1061", "Unknown role in grants",
        "model '{0}' grants privileges to '{1}', which is not a role of this project; expected one of: {2}");

    public static readonly DiagnosticDescriptor InvalidPrivilege = Error("TM1062", "Invalid privilege",
        "'{0}' cannot be granted on model '{1}' ({2}); allowed: {3}");

    public static readonly DiagnosticDescriptor IsolationConflict = Error("TM1063", "Model conflicts with the isolation mode",
        "{0}");

    public static readonly DiagnosticDescriptor UnprotectedGrant = Error("TM1064", "Grant would bypass tenant isolation",
        "{0}");

    public static readonly DiagnosticDescriptor InvalidCanonicalForm = Error("TM1070", "Invalid canonical form",
        "model '{0}' has canonical form '{1}': {2}");

    public static readonly DiagnosticDescriptor InvalidCanonicalWatermark = Error("TM1071", "Invalid canonical watermark",
        "watermark '{0}' of canonical model '{1}' {2}; it must be a column of the model of an orderable type (integer, numeric, floating point, text, date or timestamp)");

    public static readonly DiagnosticDescriptor UnknownCanonicalIndexColumn = Error("TM1072", "Unknown canonical index column",
        "index column '{0}' of the canonical table of model '{1}' is neither a column of the model nor '{2}'");

    public static readonly DiagnosticDescriptor InvalidColumnRename = Error("TM1080", "Invalid column rename",
        "column '{0}' of model '{1}' cannot be renamed from '{2}': {3}");

    public static readonly DiagnosticDescriptor NestingTooDeep = Error("TM1090", "Nesting too deep",
        "this collection is nested more than {0} levels deep (counting what aliases stand for); no definition needs more than a few levels");

    public static readonly DiagnosticDescriptor FileTooLarge = Error("TM1091", "Definition file too large",
        "the file is {0} bytes; a definition file may hold at most {1} bytes (split models and sources into one file each)");

    public static readonly DiagnosticDescriptor InvalidAlias = Error("TM1092", "Alias not allowed",
        "alias '*{0}' cannot be used here: {1}");

    public static readonly DiagnosticDescriptor InvalidPlaceholder = Error("TM1093", "Invalid placeholder",
        "'{0}' in {1} is not a valid placeholder: {2}");

    public static readonly DiagnosticDescriptor UnknownWaveTenant = Error("TM1100", "Unknown tenant in a wave",
        "wave '{0}' names tenant '{1}', which tenants.yaml does not define{2}");

    public static readonly DiagnosticDescriptor EmptyWave = Error("TM1101", "Empty wave",
        "wave '{0}' selects no enabled tenant: {1}");

    public static readonly DiagnosticDescriptor OverlappingWaves = Error("TM1102", "Tenant in two waves",
        "tenant '{0}' is selected by wave '{1}' and by wave '{2}': each tenant belongs to one wave, so the order it is rolled out in is never ambiguous");

    public static readonly DiagnosticDescriptor DuplicateWave = Error("TM1103", "Duplicate wave name",
        "wave '{0}' is declared more than once (first at {1})");

    public static readonly DiagnosticDescriptor IsolationNotOnCitus = Error("TM1120", "Isolation not available on Citus",
        "distribution: citus cannot be combined with {0}: {1}; use isolation: schema, whose tenant schemas Citus places on its workers, or isolation: shared, whose tables Citus distributes by tenant_id (docs/citus.md)");

    public static readonly DiagnosticDescriptor UnknownDataTest = Error("TM1110", "Unknown data test",
        "unknown data test '{0}'{1}; expected one of: {2}");

    public static readonly DiagnosticDescriptor InvalidDataTest = Error("TM1111", "Invalid data test",
        "data test '{0}' of model '{1}' is invalid: {2}");

    public static readonly DiagnosticDescriptor OverrideOfUnreadSource = Error("TM1140", "Override of a source the tenant does not read",
        "tenant '{0}' overrides source '{1}', which is not among its sources ({2}): the override would never apply");

    public static readonly DiagnosticDescriptor OverrideOfMissingMapping = Error("TM1141", "Override of a mapping the model does not have",
        "tenant '{0}' overrides the mapping of model '{1}' from source '{2}', but the model has no mapping from that source");

    public static readonly DiagnosticDescriptor InvalidSchedule = Error("TM1130", "Invalid schedule",
        "schedule of model '{0}' is invalid: {1}");

    public static readonly DiagnosticDescriptor InvalidScheduleTime = Error("TM1131", "Invalid schedule time",
        "'{0}' is not a time of day: write HH:MM on the 24-hour clock, e.g. \"06:00\" or \"18:30\"");

    public static readonly DiagnosticDescriptor InvalidCronExpression = Error("TM1132", "Invalid cron expression",
        "'{0}' is not a cron expression pg_cron runs: {1}");

    public static readonly DiagnosticDescriptor ScheduleNotRefreshable = Error("TM1133", "Schedule on a model that is not refreshed",
        "model '{0}' has a schedule but {1}: only materialized views of tenant scope and canonical: table models are refreshed per tenant");

    public static readonly DiagnosticDescriptor UnknownTimeZone = Error("TM1134", "Unknown time zone",
        "'{0}' is not an IANA time zone name{1}");

    public static readonly DiagnosticDescriptor InvalidRefreshTimeout = Error("TM1135", "Invalid refresh timeout",
        "'{0}' is not a valid refresh_timeout: write a whole number of seconds, minutes or hours from 1s to 24h, e.g. 90s, 10m or 1h");

    private static DiagnosticDescriptor Error(string code, string title, string format) =>
        new(code, DiagnosticSeverity.Error, title, format);
}
