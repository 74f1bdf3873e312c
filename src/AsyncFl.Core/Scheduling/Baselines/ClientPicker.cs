namespace AsyncFl.Scheduling;

/// <summary>Uniform choice of an idle, available client (rejection sampling, then a draw among the engine's idle
/// clients, O(#idle), or one reservoir-sampling scan for another context).</summary>
internal static class ClientPicker
{
    private const int Attempts = 64;

    /// <summary>Draws a client uniformly among the idle and available ones; −1 when there is none.</summary>
    public static int PickUniform(ISchedulerContext context, Random random)
    {
        int n = context.ClientCount;
        if (context.InFlightCount >= n)
        {
            return -1;
        }

        for (int attempt = 0; attempt < Attempts; attempt++)
        {
            int c = random.Next(n);
            if (!context.IsBusy(c) && context.IsAvailable(c))
            {
                return c;
            }
        }

        // Few eligible clients. The engine tracks its idle clients and draws among them in O(#idle).
        if (context is FederatedServer server)
        {
            return server.PickIdleUniform(random);
        }

        // Another context: one pass of reservoir sampling (uniform among the eligible).
        int chosen = -1;
        int seen = 0;
        for (int c = 0; c < n; c++)
        {
            if (!context.IsBusy(c) && context.IsAvailable(c))
            {
                seen++;
                if (random.Next(seen) == 0)
                {
                    chosen = c;
                }
            }
        }

        return chosen;
    }

    /// <summary>Draws one client with <paramref name="sampler"/>'s single-slot law (or uniformly when null); −1 when there is none.</summary>
    public static int Pick(ISchedulerContext context, IClientSampler? sampler, Func<int, bool> eligible)
    {
        if (sampler is null)
        {
            return PickUniform(context, context.Random);
        }

        int client = sampler.SampleOne(context.ClientCount, context.Random, eligible);
        if (client >= 0 && !eligible(client))
        {
            throw new InvalidOperationException($"The sampler {sampler.Name} returned client {client}, which is busy or unavailable.");
        }

        return client;
    }
}
