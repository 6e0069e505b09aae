using CallAnalytics;
using Npgsql;

// The connection string comes from the first argument or TENANTMODELS_CONNECTION (no password: use PGPASSWORD).
var connectionString = args.Length > 0 ? args[0] : Environment.GetEnvironmentVariable("TENANTMODELS_CONNECTION")
    ?? throw new InvalidOperationException("pass a connection string or set TENANTMODELS_CONNECTION");
await using var dataSource = NpgsqlDataSource.Create(connectionString);

// Per tenant: each tenant's own staging view, read into typed CallRow records.
foreach (var tenant in Tenants.All)
{
    foreach (var source in tenant.Sources)
    {
        Console.WriteLine($"{tenant.Name} ({Models.Call.For(tenant, source).QualifiedName})");
        await foreach (var call in Models.Call.QueryAsync(dataSource, tenant, source))
        {
            Console.WriteLine($"  {tenant.Id} {call.CallId} {call.UserId} {call.CallDispositionName ?? "-"}");
        }
    }
}

// Across tenants: the canonical view, each row with the tenant it belongs to.
var perTenant = new SortedDictionary<string, int>(StringComparer.Ordinal);
await foreach (var row in Models.Call.QueryCanonicalAsync(dataSource))
{
    perTenant[row.TenantId] = perTenant.GetValueOrDefault(row.TenantId) + 1;
}

foreach (var (tenantId, calls) in perTenant)
{
    Console.WriteLine($"canonical {tenantId} {calls} call(s)");
}
