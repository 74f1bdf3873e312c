using System.Globalization;
using AsyncFl.Experiments;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string name = args.Length > 0 ? args[0] : "help";
string outDir = args.Length > 1 ? args[1] : Path.Combine(Report.RepoRoot(), "docs", "experiments");
Directory.CreateDirectory(outDir);
var watch = System.Diagnostics.Stopwatch.StartNew();
switch (name)
{
    case "ringmaster":
        Pages.Ringmaster(outDir);
        break;
    case "shadowheart":
        Pages.Shadowheart(outDir);
        break;
    case "mindflayer":
        Pages.MindFlayer(outDir);
        break;
    case "ata":
        Pages.Ata(outDir);
        break;
    case "cohort-squeeze":
        Pages.CohortSqueeze(outDir);
        break;
    default:
        Console.WriteLine("usage: dotnet run -c Release --project experiments/AsyncFl.Experiments -- <ringmaster|shadowheart|mindflayer|ata|cohort-squeeze> [outDir]");
        return 1;
}

Console.WriteLine($"done in {watch.Elapsed.TotalSeconds:0.0} s (wall)");
return 0;
