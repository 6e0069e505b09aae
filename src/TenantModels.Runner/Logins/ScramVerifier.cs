using System;
using System.Security.Cryptography;
using System.Text;

namespace TenantModels.Runner.Logins;

/// <summary>
/// A PostgreSQL SCRAM-SHA-256 password verifier (RFC 5802/7677, as <c>pg_authid.rolpassword</c> stores it), computed
/// here so <c>ALTER ROLE ... PASSWORD</c> carries the verifier and never the clear password.
/// </summary>
internal static class ScramVerifier
{
    public const int Iterations = 4096;

    public static string Compute(string password, byte[]? salt = null)
    {
        salt ??= RandomNumberGenerator.GetBytes(16);
        // PostgreSQL applies SASLprep; NFKC is its normalisation step, and the identity for the ASCII passwords we recommend.
        var normalized = Encoding.UTF8.GetBytes(password.Normalize(NormalizationForm.FormKC));
        var salted = Rfc2898DeriveBytes.Pbkdf2(normalized, salt, Iterations, HashAlgorithmName.SHA256, 32);
        var clientKey = HMACSHA256.HashData(salted, Encoding.ASCII.GetBytes("Client Key"));
        var storedKey = SHA256.HashData(clientKey);
        var serverKey = HMACSHA256.HashData(salted, Encoding.ASCII.GetBytes("Server Key"));
        CryptographicOperations.ZeroMemory(salted);
        CryptographicOperations.ZeroMemory(normalized);
        return $"SCRAM-SHA-256${Iterations}:{Convert.ToBase64String(salt)}${Convert.ToBase64String(storedKey)}:{Convert.ToBase64String(serverKey)}";
    }
}
