using Extending;
using Xunit;

namespace AsyncFl.Testing.Tests.Docs;

/// <summary>docs/testing.md's worked example is docs/snippets/PropertyTest.cs: compiled here, run here, shown verbatim.</summary>
public sealed class TestingGuideTests
{
    private static string ReadCopied(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Docs", name)).ReplaceLineEndings("\n");

    [Fact]
    public void TheWorkedExampleRunsAndPasses()
    {
        string reports = PropertyTestExample.Run();
        Assert.Contains("ServerMomentum: all 2 conformance properties hold", reports);
        Assert.Contains("StragglerCut: all 4 conformance properties hold", reports);
    }

    [Fact]
    public void TheGuideShowsTheCompiledCodeVerbatim()
    {
        string source = ReadCopied("PropertyTest.cs.txt");
        const string Begin = "// TESTING-EXAMPLE-BEGIN", End = "// TESTING-EXAMPLE-END";
        int b = source.IndexOf(Begin, StringComparison.Ordinal), e = source.IndexOf(End, StringComparison.Ordinal);
        Assert.True(b >= 0 && e > b);
        string code = source[(b + Begin.Length)..e].Trim('\n');
        Assert.Contains("```csharp\n" + code + "\n```", ReadCopied("testing.md"), StringComparison.Ordinal);
    }
}
