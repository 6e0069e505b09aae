using System.Globalization;
using System.Text.RegularExpressions;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Parsing;
using TenantModels.Core.Syntax;

namespace TenantModels.Core.Binding;

/// <summary>A tenant's <c>time_zone</c> and <c>refresh_timeout</c>, which its scheduled refreshes run with.</summary>
internal static class TenantScheduleSettings
{
    public const string DefaultTimeZone = "UTC";

    private const int MaxTimeoutSeconds = 24 * 60 * 60;

    private static readonly Regex Duration = new("^([0-9]{1,6})(s|m|h)?$", RegexOptions.CultureInvariant);

    /// <summary>The IANA name as written, or null when unknown (reported with the closest names).</summary>
    public static string? TimeZone(Located<string> written, DiagnosticBag diagnostics)
    {
        if (TimeZoneNames.IsKnown(written.Value))
        {
            return written.Value;
        }

        diagnostics.Report(DefinitionDiagnostics.UnknownTimeZone, written.Location, written.Value,
            NameSuggestions.DidYouMean(written.Value, TimeZoneNames.All));
        return null;
    }

    /// <summary>Seconds (a bare number is seconds), or null when invalid (reported).</summary>
    public static int? TimeoutSeconds(Located<string> written, DiagnosticBag diagnostics)
    {
        var match = Duration.Match(written.Value.Trim());
        if (match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            var seconds = (long)amount * (match.Groups[2].Value switch { "m" => 60, "h" => 3600, _ => 1 });
            if (seconds is >= 1 and <= MaxTimeoutSeconds)
            {
                return (int)seconds;
            }
        }

        diagnostics.Report(DefinitionDiagnostics.InvalidRefreshTimeout, written.Location, written.Value);
        return null;
    }
}
