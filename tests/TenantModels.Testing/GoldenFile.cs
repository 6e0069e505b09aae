using System;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TenantModels.Testing;

/// <summary>
/// Verify-style golden files: expected output lives beside the tests as <c>*.verified.*</c>. A mismatch writes
/// <c>*.received.*</c> next to it and fails; setting TENANTMODELS_ACCEPT=1 rewrites the verified files instead,
/// so every change to generated output shows up in review.
/// </summary>
public static class GoldenFile
{
    public const string AcceptVariable = "TENANTMODELS_ACCEPT";

    public static bool Accepting => Environment.GetEnvironmentVariable(AcceptVariable) == "1";

    public static void Verify(string actual, string verifiedPath)
    {
        var receivedPath = ReceivedPathFor(verifiedPath);
        var normalized = actual.Replace("\r\n", "\n");
        if (Accepting)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(verifiedPath)!);
            File.WriteAllText(verifiedPath, normalized);
            File.Delete(receivedPath);
            return;
        }

        var expected = File.Exists(verifiedPath) ? File.ReadAllText(verifiedPath).Replace("\r\n", "\n") : null;
        if (expected == normalized)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, normalized);
        var message = expected is null
            ? $"No verified file {verifiedPath}; wrote {receivedPath}. Review it and rerun with {AcceptVariable}=1 to accept."
            : $"{verifiedPath} differs from the output (first difference at line {FirstDifferentLine(expected, normalized)}); wrote {receivedPath}. Rerun with {AcceptVariable}=1 to accept.";
        Assert.Fail(message);
    }

    public static string ReceivedPathFor(string verifiedPath) => verifiedPath.Replace(".verified.", ".received.");

    private static int FirstDifferentLine(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var index = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], -1);
        return (index < 0 ? Math.Min(a.Length, b.Length) : index) + 1;
    }
}
