using AsyncFl.Cli.Config;
using Xunit;

namespace AsyncFl.Cli.Tests.Docs;

/// <summary>
/// The docs' regenerate commands run the configs kept under <c>docs/</c> (experiment configs and the run folders'
/// <c>config.json</c>): each must still load and validate with the current app, or those commands have rotted.
/// The project copies them to <c>DocConfigs/</c> in the test output (every <c>*.json</c> but <c>summary.json</c>).
/// </summary>
public class DocumentedConfigTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "DocConfigs");

    /// <summary>The copied configs, as paths relative to <c>docs/</c>.</summary>
    public static TheoryData<string> Configs() => new(ConfigFiles());

    private static List<string> ConfigFiles() =>
        Directory.Exists(Root)
            ? [.. Directory.EnumerateFiles(Root, "*.json", SearchOption.AllDirectories)
                .Select(file => Path.GetRelativePath(Root, file).Replace('\\', '/'))
                .Order(StringComparer.Ordinal)]
            : [];

    [Fact]
    public void TheDocsConfigsAreThere()
    {
        // Guards the theory below against passing vacuously (an empty glob, a moved folder).
        var all = ConfigFiles();
        Assert.True(all.Count >= 30, $"expected the docs' configs in {Root}, found {all.Count}.");
        Assert.Contains("experiments/fashion-mnist-ca2fl/beyond/s100-ca2fl-age40-600.json", all);
        Assert.Contains("experiments/fashion-mnist-ca2fl/config.json", all);
        Assert.DoesNotContain(all, f => f.EndsWith("summary.json", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Configs))]
    public void EveryConfigKeptInDocsLoadsWithoutErrors(string relativePath)
    {
        var result = ConfigLoader.Load(File.ReadAllText(Path.Combine(Root, relativePath)));
        Assert.True(
            result.Errors.Count == 0,
            $"docs/{relativePath}: " + string.Join("; ", result.Errors.Select(e => e.Path + ": " + e.Message)));
        Assert.NotNull(result.Config);
    }
}
