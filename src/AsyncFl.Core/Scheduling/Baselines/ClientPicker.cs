namespace AsyncFl.Scheduling;

/// <summary>The client for a free slot: the context's uniform idle pick, or the sampler's single-slot draw.</summary>
internal static class ClientPicker
{
    /// <summary>Draws a client uniformly among the idle and available ones; −1 when there is none.</summary>
    public static int PickUniform(ISchedulerContext context) => context.TryPickIdleClient(out int client) ? client : -1;

    /// <summary>Draws one client with <paramref name="sampler"/>'s single-slot law (or uniformly when null); −1 when there is none.</summary>
    public static int Pick(ISchedulerContext context, IClientSampler? sampler, Func<int, bool> eligible)
    {
        if (sampler is null)
        {
            return PickUniform(context);
        }

        int client = sampler.SampleOne(context.ClientCount, context.Random, eligible);
        if (client >= 0 && !eligible(client))
        {
            throw new InvalidOperationException($"The sampler {sampler.Name} returned client {client}, which is busy or unavailable.");
        }

        return client;
    }
}
