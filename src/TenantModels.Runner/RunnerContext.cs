using System;
using System.IO;

namespace TenantModels.Runner;

/// <summary>What a command may touch outside the database: its output streams and the environment.</summary>
public sealed record RunnerContext(TextWriter Out, TextWriter Error, Func<string, string?> Environment);
