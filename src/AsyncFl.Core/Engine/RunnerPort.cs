using System.Diagnostics.CodeAnalysis;

namespace AsyncFl.Engine;

/// <summary>The face the attached runner drives the server through (<see cref="IRunnerPort"/>).</summary>
internal sealed class RunnerPort(FederatedServer server) : IRunnerPort
{
    public FederatedServer Server => server;

    public void Start() => server.Start();

    public void DeliverResult(EngineTask task, int uploadIndex) => server.DeliverResult(task, uploadIndex);

    public void ReportDropped(EngineTask task, Exception? cause = null) => server.ReportDropped(task, cause);

    public void ClientAvailable(int clientId) => server.ClientAvailable(clientId);

    public void TimerFired(long cookie) => server.TimerFired(cookie);

    public void Release(EngineTask task) => server.Release(task);

    public void Stop() => server.Stop();

    public bool TryGetTask(TaskKey key, [NotNullWhen(true)] out EngineTask? task)
    {
        task = server.FindTask(key);
        return task is not null;
    }

    public EngineTask? TaskOfClient(int clientId) => server.Roster.TaskOf(clientId);
}
