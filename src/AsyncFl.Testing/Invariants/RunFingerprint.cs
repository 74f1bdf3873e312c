using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using AsyncFl.Engine;

namespace AsyncFl.Testing;

/// <summary>
/// What identifies a run bit for bit: a SHA-256 of the final model's bytes, the version, the event count, the clock
/// at the stop, the formatted statistics and (when a <see cref="RecordingScheduler"/> watched) a SHA-256 of the trace
/// (callback times, versions, dispatches, results, task ends). Two runs are identical when their fingerprints are
/// equal.
/// </summary>
/// <param name="ModelHash">SHA-256 of the model's parameters (hex).</param>
/// <param name="Version">The final model version.</param>
/// <param name="Events">Events the clock processed.</param>
/// <param name="ElapsedSeconds">Clock time at the stop.</param>
/// <param name="Statistics">The run's statistics, formatted (<see cref="Metrics.TrainingStatistics.Format"/>).</param>
/// <param name="TraceHash">SHA-256 of the recorded trace (hex), or empty without a recorder.</param>
public sealed record RunFingerprint(string ModelHash, long Version, long Events, double ElapsedSeconds, string Statistics, string TraceHash)
{
    /// <summary>The fingerprint of a stopped run.</summary>
    /// <param name="server">The server after the run.</param>
    /// <param name="result">What the clock returned.</param>
    /// <param name="trace">The recorder that watched the scheduler, if any.</param>
    /// <returns>The fingerprint.</returns>
    public static RunFingerprint Of(FederatedServer server, RunResult result, RecordingScheduler? trace = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(result);
        float[] model = server.Model.Parameters.ToArray();
        string modelHash = Convert.ToHexString(SHA256.HashData(MemoryMarshal.AsBytes(model.AsSpan())));
        return new RunFingerprint(modelHash, result.Version.Value, result.Events, result.ElapsedSeconds, result.Statistics.Format(), trace is null ? "" : HashTrace(trace));
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"model {ModelHash[..Math.Min(12, ModelHash.Length)]}…, version {Version}, {Events} events, stop at {ElapsedSeconds:R} s, trace {(TraceHash.Length == 0 ? "-" : TraceHash[..12] + "…")}");

    private static string HashTrace(RecordingScheduler trace)
    {
        var text = new StringBuilder();
        foreach (double t in trace.Times)
        {
            text.Append(t.ToString("R", CultureInfo.InvariantCulture)).Append(',');
        }

        text.Append('|').AppendJoin(',', trace.Versions).Append('|').AppendJoin(',', trace.Dispatched.Order());
        text.Append('|').AppendJoin(',', trace.Results.Select(r => r.Task + ":" + r.Upload.ToString(CultureInfo.InvariantCulture)));
        text.Append('|').AppendJoin(',', trace.EndReasons);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
