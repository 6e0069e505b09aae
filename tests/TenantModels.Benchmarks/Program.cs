using BenchmarkDotNet.Running;

namespace TenantModels.Benchmarks;

public static class Program
{
    /// <summary>
    /// <c>dotnet run -c Release --project tests/TenantModels.Benchmarks -- --filter '*' [--job short]</c>, or
    /// <c>-- write-scenario &lt;folder&gt; &lt;tenants&gt; &lt;models&gt;</c> to write the scale project for a manual <c>dotnet build</c>.
    /// </summary>
    public static void Main(string[] args)
    {
        if (args.Length == 4 && args[0] == "write-scenario")
        {
            ScaleScenario.Write(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture));
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
