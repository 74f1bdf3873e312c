// Consumes the packed AsyncFl.Core the way a user's app would and prints values computed by the package;
// eng/pack-test.sh checks this output line by line.
using System.Globalization;
using System.Reflection;
using AsyncFl;
using AsyncFl.Backends;

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
