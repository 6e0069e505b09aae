using System.Text.Json;

namespace TenantModels.Core.Documentation;

internal static class SecurityJson
{
    public static void WriteEntry(Utf8JsonWriter w, SecurityEntry entry)
    {
        w.WriteStartObject();
        w.WriteString("object", entry.Object);
        w.WriteString("role", entry.Role);
        ScriptFile.WriteStrings(w, "privileges", entry.Privileges);
        ScriptFile.WriteStrings(w, "policies", entry.Policies);
        w.WriteEndObject();
    }
}
