namespace AsyncFl.Engine;

/// <summary>
/// Runs a task's client work: <see cref="IClientWorkload.Execute"/> from the task's base snapshot into a pooled result
/// buffer, with the task's own random stream <c>RandomSource.Create(taskSeed, taskId)</c> (a per-thread instance
/// re-seeded, no allocation). Safe on any thread, concurrently for different tasks.
/// </summary>
internal sealed class TaskExecutor(IClientWorkload workload, long taskSeed, ResultPool results)
{
    [ThreadStatic]
    private static RandomSource? s_threadRandom;

    public UpdatePayloadKind PayloadKind => workload.PayloadKind;

    public void Execute(EngineTask task)
    {
        var info = task.Info;
        var update = task.Result ??= results.Rent();
        update.ClientId = info.ClientId;
        update.TaskId = info.Handle.Id;
        update.BaseVersion = info.BaseVersion;
        update.Kind = workload.PayloadKind;
        update.SampleCount = 1;
        update.Loss = double.NaN;
        update.LocalSteps = info.Request.LocalSteps;
        update.ComputeSeconds = 0;
        update.CommunicationSeconds = 0;
        var work = new ClientWork(info.ClientId, info.Request.LocalSteps, info.Request.ClientLearningRate, info.Handle.Id)
        {
            LearningRateSchedule = info.Request.ClientLearningRateSchedule,
            BaseVersion = info.BaseVersion,
        };
        var random = s_threadRandom ??= new RandomSource(0);
        random.Reseed(taskSeed, info.Handle.Id);
        workload.Execute(in work, task.BaseSnapshot!.Vector, update, random);

        // The workload may not overwrite what identifies the result.
        update.ComputeSeconds = task.ComputeSeconds;
        update.CommunicationSeconds = task.CommunicationSeconds;
        update.ClientId = info.ClientId;
        update.TaskId = info.Handle.Id;
        update.BaseVersion = info.BaseVersion;
    }
}
