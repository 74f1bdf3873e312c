using System.Diagnostics.CodeAnalysis;

namespace AsyncFl.Engine;

/// <summary>The engine's argument checks and cold throw paths (kept out of the hot methods).</summary>
internal static class EngineErrors
{
    /// <summary>A dispatch must name a valid request for a known, idle, available client.</summary>
    public static void CheckDispatch(in TaskRequest request, ClientRoster roster, ITaskRunner runner)
    {
        ValidateRequest(in request);
        int client = request.ClientId;
        if (!roster.Contains(client))
        {
            ThrowClient(client, "unknown");
        }

        if (roster.IsBusy(client))
        {
            ThrowClient(client, "busy");
        }

        if (!runner.IsAvailable(client))
        {
            ThrowClient(client, "unavailable");
        }
    }

    public static void ValidateRequest(in TaskRequest request)
    {
        if (request.LocalSteps < 1 || request.Uploads < 1 || double.IsNaN(request.TimeLimitSeconds) || request.TimeLimitSeconds <= 0
            || (!double.IsNaN(request.ClientLearningRate) && (!double.IsFinite(request.ClientLearningRate) || request.ClientLearningRate < 0)))
        {
            ThrowBadRequest(in request);
        }
    }

    public static InvalidOperationException NoRunner() =>
        new("No runner is attached: run the server under a clock (VirtualClockSimulator, RealTimeRunner).");

    [DoesNotReturn]
    public static void ThrowBadRequest(in TaskRequest request) =>
        throw new ArgumentException(
            $"Invalid task request {request}: LocalSteps and Uploads must be ≥ 1, TimeLimitSeconds > 0 (not NaN), ClientLearningRate finite and ≥ 0 or NaN.",
            nameof(request));

    [DoesNotReturn]
    public static void ThrowClient(int client, string what) =>
        throw new InvalidOperationException($"Cannot dispatch to client {client}: it is {what}.");

    [DoesNotReturn]
    public static void ThrowEnded(EngineTask task) =>
        throw new InvalidOperationException($"Task {task.Id} has ended (or training stopped): its results must not be delivered.");

    [DoesNotReturn]
    public static void ThrowUploadOrder(EngineTask task, int uploadIndex) =>
        throw new InvalidOperationException(
            $"Task {task.Id}: upload {uploadIndex} delivered, expected {task.ResultsDelivered} of {task.Request.Uploads}.");

    [DoesNotReturn]
    public static void ThrowNotCurrent() =>
        throw new InvalidOperationException(
            "Accept/Discard must be called once, during OnResult, with the result being delivered (a result is decided exactly once).");
}
