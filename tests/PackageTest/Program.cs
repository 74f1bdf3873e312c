// Consumes the packed AsyncFl.Core the way a user's app would and prints values computed by the package;
// eng/pack-test.sh checks this output line by line.
using System.Globalization;
using System.Reflection;
using AsyncFl;
using AsyncFl.Backends;
using AsyncFl.Simulation;
using AsyncFl.Simulation.Objectives;
using Extending;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var core = typeof(GlobalModel).Assembly;
string version = core.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?";
Console.WriteLine($"AsyncFl.Core {version.Split('+')[0]}");
Console.WriteLine($"AsyncFl.Aggregators referenced: {File.Exists(Path.Combine(AppContext.BaseDirectory, "AsyncFl.Aggregators.dll"))}");

var backend = CpuParameterBackend.Instance;
using var model = GlobalModel.Create(backend, [1f, 2f, 3f, 4f, 5f]);
using var update = backend.FromSpan([5f, 4f, 3f, 2f, 1f]);
backend.Mix(model.Parameters, update, 0.25f);
model.BumpVersion();
Console.WriteLine($"mix: [{string.Join(", ", model.Parameters.ToArray())}] {model.Version}");

backend.WeightedSum([model.Parameters, update], [0.5f, 0.5f], model.Parameters);
Console.WriteLine($"weighted sum: [{string.Join(", ", model.Parameters.ToArray())}] squared norm {backend.SquaredNorm(model.Parameters)}");

var rng = RandomSource.Create(seed: 7, streamId: 3);
Console.WriteLine($"random: {rng.Next(1000)} {rng.Next(1000)} {rng.Next(1000)}");

// Every package referenced: the one synchronous family resolves (no ambiguity between packages).
Console.WriteLine($"synchronous rounds: {new FederatedServerBuilder().AddSynchronousRounds().Scheduler!.Name}");

// docs/extending.md's aggregator (derived from AggregatorBase) and scheduler (on the engine's idle pick), compiled
// against the packed packages, train the README's quadratic on the virtual clock.
var objective = new TridiagonalQuadratic(new TridiagonalQuadraticOptions
{
    Dimension = 20,
    StrongConvexity = 0.05,
    PayloadKind = UpdatePayloadKind.ModelDelta,
    DefaultLearningRate = 0.5,
});
var scheduler = new StragglerCutScheduler(concurrency: 10, maxStaleness: 20, localSteps: 5);
using var server = new FederatedServerBuilder()
    .WithInitialModel(objective.CreateInitialPoint())
    .UseWorkload(objective)
    .UseAggregator(new ServerMomentumOptions { LearningRate = 0.3, Momentum = 0.5, ClientCount = 50 }.CreateAggregator)
    .UseScheduler(scheduler)
    .WithSeed(42)
    .Build();
double initialGap = objective.Suboptimality(server.Model.Parameters);
var result = new VirtualClockSimulator(server, DeviceFleet.FromComputeTimes(ComputeTimes.SqrtIndex(50)), new SimulationOptions { MaxTime = 300 }).Run();
double finalGap = objective.Suboptimality(server.Model.Parameters);
Console.WriteLine($"custom aggregator {server.Aggregator.Name}, scheduler {scheduler.Name}: gap shrank tenfold: {finalGap < initialGap / 10}, stragglers cut: {scheduler.TimedOut > 0}, accounting balanced: {server.GetAccounting().IsBalanced}, steps: {result.Version.Value > 10}");

// docs/testing.md's worked example: AsyncFl.Testing from the packed feed puts the same two strategies through the
// conformance suite and an FsCheck property of its own (throws with a shrunk counterexample on failure).
Console.WriteLine(PropertyTestExample.Run().ReplaceLineEndings(" | "));
