using System.Collections.Generic;
using System.IO;
using TenantModels.Core.Planning;

namespace TenantModels.Runner.Output;

/// <summary>
/// Where one target's progress goes: straight to the console for a single database, or buffered and printed as one
/// block per target when several run in parallel (interleaved lines from many targets are unreadable). Thread-safe.
/// </summary>
internal sealed class TargetOutput
{
    private readonly TextWriter? _out;
    private readonly TextWriter? _error;
    private readonly List<(bool Error, string Text)> _buffer = new();

    private TargetOutput(TextWriter? @out, TextWriter? error, string prefix)
    {
        _out = @out;
        _error = error;
        Prefix = prefix;
    }

    public string Prefix { get; }

    public bool Quiet { get; init; }

    /// <summary>apply: where each transaction's start and end are counted (the live display, the closing summary); null for other commands.</summary>
    public UnitProgress? Progress { get; init; }

    public static TargetOutput Direct(TextWriter @out, TextWriter error, bool quiet, UnitProgress? progress = null) =>
        new(@out, error, string.Empty) { Quiet = quiet, Progress = progress };

    public static TargetOutput Buffered(string target, bool quiet, UnitProgress? progress = null) =>
        new(null, null, "[" + target + "] ") { Quiet = quiet, Progress = progress };

    /// <summary>A unit of this target started (counted in <see cref="Progress"/>, if any).</summary>
    public void Started(PlanUnitKey unit) => Progress?.Started(Prefix, unit);

    /// <summary>A unit run alongside others did not commit and will run again alone.</summary>
    public void Requeued(PlanUnitKey unit) => Progress?.Requeued(Prefix, unit);

    public void Finished(PlanUnitKey unit, UnitStatus status) => Progress?.Finished(Prefix, unit, status);

    public void Line(string text)
    {
        if (Quiet)
        {
            return;
        }

        Write(false, Prefix + text);
    }

    public void Error(string text) => Write(true, Prefix + text);

    public void FlushTo(TextWriter @out, TextWriter error)
    {
        lock (_buffer)
        {
            foreach (var (isError, text) in _buffer)
            {
                (isError ? error : @out).WriteLine(text);
            }

            _buffer.Clear();
        }
    }

    private void Write(bool error, string text)
    {
        // Locked on both paths: tenant transactions running in parallel (apply --jobs) report from several threads.
        lock (_buffer)
        {
            if (_out is not null)
            {
                (error ? _error! : _out).WriteLine(text);
                return;
            }

            _buffer.Add((error, text));
        }
    }
}
