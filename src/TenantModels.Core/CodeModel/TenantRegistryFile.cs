using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace TenantModels.Core.CodeModel;

/// <summary>
/// The two files the build writes so that the registry is data read at run time, not code: editing a tenant then
/// changes no input of the C# compiler, and the build does not compile the project's C# again.
/// <list type="bullet">
/// <item><b>The registry file</b> (<c>&lt;assembly&gt;.tenants.registry</c>, copied beside the assembly): a first line
/// naming the format and every field (<see cref="TenantRegistryTable.Header"/>), then one row per tenant. The generated
/// <c>Tenants</c> class checks the first line against the fields it was compiled for, so a stale file is an error that
/// says so, never attributes read into the wrong members.</item>
/// <item><b>The attributes file</b> (<c>obj/…/tenantmodels/tenant-attributes</c>, given to the generator): only what the
/// generated C# depends on, the declared attributes and their C# shape, one per line
/// (name|member|SQL type|property type|nullable|decoder, escaped as table fields). It changes only when the declarations do.</item>
/// </list>
/// </summary>
public static class TenantRegistryFile
{
    /// <summary>The first field of the registry file's first line: the format, versioned.</summary>
    public const string Format = "tenantmodels-registry/1";

    /// <summary>The first line of the attributes file.</summary>
    public const string AttributesFormat = "tenantmodels-tenant-attributes/1";

    /// <summary>The file name of the attributes file the SDK gives the generator (in the intermediate folder).</summary>
    public const string AttributesFileName = "tenant-attributes.tenantmodels";

    /// <summary>The registry file's name for an assembly: what the SDK copies beside it and the generated code reads.</summary>
    public static string NameFor(string assemblyName) => assemblyName + ".tenants.registry";

    /// <summary>The registry file's first line for these attributes.</summary>
    public static string FirstLine(IEnumerable<AttributeCode> attributes) => Format + "|" + TenantRegistryTable.Header(attributes.Select(a => a.Name));

    public static string Registry(ProjectCodeModel code) =>
        TenantRegistryTable.AppendRows(new System.Text.StringBuilder(FirstLine(code.Attributes), code.Tenants.Count * 64).Append('\n'), code.Tenants).ToString();

    public static string Attributes(IEnumerable<AttributeCode> attributes)
    {
        var text = new StringBuilder(AttributesFormat).Append('\n');
        foreach (var a in attributes)
        {
            TenantRegistryTable.Field(text, a.Name);
            TenantRegistryTable.Field(text.Append('|'), a.MemberName);
            TenantRegistryTable.Field(text.Append('|'), a.SqlType);
            TenantRegistryTable.Field(text.Append('|'), a.PropertyType);
            TenantRegistryTable.Field(text.Append('|'), a.Nullable ? "1" : "0");
            TenantRegistryTable.Field(text.Append('|'), a.Decoder);
            text.Append('\n');
        }

        return text.ToString();
    }

    /// <returns>The attributes <see cref="Attributes(IEnumerable{AttributeCode})"/> wrote, or null when the text is not such a file.</returns>
    public static IReadOnlyList<AttributeCode>? ReadAttributes(string text)
    {
        var lines = text.Replace("\r", string.Empty).Split('\n');
        if (lines.Length == 0 || lines[0] != AttributesFormat)
        {
            return null;
        }

        var attributes = new List<AttributeCode>();
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var f = TenantRegistryTable.Split(line);
            if (f.Count != 6 || f.Any(v => v is null))
            {
                return null;
            }

            attributes.Add(new AttributeCode(f[0]!, f[1]!, f[2]!, f[3]!, f[4] == "1", f[5]!));
        }

        return attributes;
    }
}
