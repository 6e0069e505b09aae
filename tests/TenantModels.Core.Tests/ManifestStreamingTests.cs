using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.CodeModel;
using TenantModels.Core.Pipeline;
using TenantModels.Testing;

namespace TenantModels.Core.Tests;

/// <summary>
/// The manifest is hashed twice and written once per build without being held whole (ManifestJson.Write to a writer), and
/// the registry file is appended row by row: both must give exactly the bytes the whole-string forms give.
/// </summary>
[TestClass]
public sealed class ManifestStreamingTests
{
    /// <summary>Every character class the escaper distinguishes: quotes, backslashes, control characters, line breaks, non-ASCII.</summary>
    private static readonly string[] Awkward = { "plain", "with \"quotes\"", "back\\slash", "tab\there", "line\nbreak", "cr\rhere", "bell\u0007", "é ü 日本", "\u2028sep", string.Empty };

    private static BundleManifest ManyTenants()
    {
        var manifest = ModelProjectCompiler.Compile(ProjectInput.FromDirectory(RepoPaths.Combine("samples", "SalesEtl"), "SalesEtl", "1.0.0")).Bundle!.Manifest;
        var template = manifest.Tenants[0];
        var tenants = Enumerable.Range(0, 3_000).Select(i => template with
        {
            Id = "tenant_" + i,
            Name = Awkward[i % Awkward.Length] + " " + i,
            Database = i % 3 == 0 ? null : "db_" + Awkward[i % Awkward.Length],
            Tier = i % 2 == 0 ? null : Awkward[(i + 1) % Awkward.Length],
        }).ToList();
        return manifest with { Tenants = tenants };
    }

    [TestMethod]
    public void Written_in_pieces_the_manifest_is_the_same_text_as_written_whole()
    {
        var manifest = ManyTenants();
        var whole = ManifestJson.Write(manifest);
        var pieces = new PieceWriter();
        ManifestJson.Write(manifest, pieces);

        Assert.IsTrue(pieces.Writes > 10, $"a manifest of 3,000 tenants goes out in pieces, not at the end (writes: {pieces.Writes})");
        Assert.AreEqual(whole, pieces.ToString());
        Assert.AreEqual(3_000, ManifestJson.Read(whole).Tenants.Count);
        CollectionAssert.AreEqual(manifest.Tenants.Select(t => t.Name).ToList(), ManifestJson.Read(whole).Tenants.Select(t => t.Name).ToList(),
            "every escaped name reads back as written");
    }

    [TestMethod]
    public void Escaping_in_place_gives_the_strings_escaping_gave()
    {
        // The strings' escaper as it was: one builder per value, every character looked at.
        static string Reference(string value)
        {
            var sb = new StringBuilder("\"");
            foreach (var c in value)
            {
                sb.Append(c switch
                {
                    '"' => "\\\"",
                    '\\' => "\\\\",
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    _ when c < 0x20 => "\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture),
                    _ => c.ToString(),
                });
            }

            return sb.Append('"').ToString();
        }

        var every = new string(Enumerable.Range(0, 0x90).Select(i => (char)i).ToArray());
        foreach (var value in Awkward.Append(every))
        {
            Assert.AreEqual(Reference(value), ManifestJson.Str(value), value);
            Assert.AreEqual("x" + Reference(value), new StringBuilder("x").JsonString(value).ToString(), value);
        }
    }

    [TestMethod]
    public void The_content_hash_and_the_deploy_input_key_hash_the_text_that_is_written()
    {
        var manifest = ManyTenants();
        var withoutHash = ManifestJson.Write(manifest with
        {
            ContentHash = string.Empty,
            DeployChecksum = null,
            Artefacts = manifest.Artefacts.Select(a => a with { DefinedAt = null, SqlAt = null }).ToList(),
            DataTests = manifest.DataTests?.Select(t => t with { DefinedAt = null }).ToList(),
            Descriptions = null,
        });

        Assert.AreEqual(Checksums.Of(withoutHash), BundleAssembler.ContentHashOf(manifest));
        var keyText = typeof(DeployScript).Assembly.ManifestModule.ModuleVersionId.ToString("N") + "\n" + ManifestJson.Write(DeployScript.WithoutWhatScriptsIgnore(manifest));
        Assert.AreEqual(Checksums.Of(keyText), DeployScript.InputKey(manifest));
    }

    [TestMethod]
    public void Registry_rows_appended_into_one_builder_are_the_rows_one_by_one()
    {
        var tenants = Enumerable.Range(0, 500).Select(i => new TenantCode(
            "t" + i, Awkward[i % Awkward.Length] + "|pipe", i % 2 == 0, i % 4 == 0 ? new string[0] : new[] { "a", Awkward[i % Awkward.Length], "c,d" }, i,
            i % 3 == 0 ? null : "tier", i % 5 == 0 ? "db" : null, new[] { i % 2 == 0 ? null : Awkward[(i + 3) % Awkward.Length], "x\\y" })).ToList();

        var expected = string.Concat(tenants.Select(t => TenantRegistryTable.Row(t) + "\n"));
        Assert.AreEqual(expected, TenantRegistryTable.Rows(tenants));
        foreach (var (tenant, line) in tenants.Zip(expected.Split('\n')))
        {
            var fields = TenantRegistryTable.Split(line);
            Assert.AreEqual(tenant.Name, fields[1]);
            Assert.AreEqual(string.Join(",", tenant.Sources), fields[3]);
        }
    }

    /// <summary>Counts the writes it is given, to tell text handed over in pieces from text handed over at the end.</summary>
    private sealed class PieceWriter : StringWriter
    {
        public int Writes { get; private set; }

        public override void Write(string? value)
        {
            Writes++;
            base.Write(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            Writes++;
            base.Write(buffer, index, count);
        }
    }
}
