// The lines between the two markers below are shown verbatim in README.md ("Quick start");
// tests/AsyncFl.Core.Tests/Docs/ReadmeSnippetTests.cs compiles this file, runs it and checks the README copy.
// README-SNIPPET-BEGIN
using AsyncFl;
using AsyncFl.Backends;

namespace QuickStart;

public static class ReadmeSnippet
{
    public static (float[] Mixed, float[] Averaged, ModelVersion Version) Run()
    {
        var backend = CpuParameterBackend.Instance;
        using var model = GlobalModel.Create(backend, [0f, 0f, 0f, 0f]);
        using var client1 = backend.FromSpan([1f, 2f, 3f, 4f]);
        using var client2 = backend.FromSpan([3f, 2f, 1f, 0f]);

        // FedAsync's rule, x ← (1 − a)·x + a·y with a = 0.5, then one version step.
        backend.Mix(model.Parameters, client1, 0.5f);
        model.BumpVersion();
        float[] mixed = model.Parameters.ToArray();             // [0.5, 1, 1.5, 2]

        // FedAvg's rule, x ← 0.25·y₁ + 0.75·y₂, in one pass over memory.
        backend.WeightedSum([client1, client2], [0.25f, 0.75f], model.Parameters);
        model.BumpVersion();
        return (mixed, model.Parameters.ToArray(), model.Version); // [2.5, 2, 1.5, 1], v2
    }
}
// README-SNIPPET-END
