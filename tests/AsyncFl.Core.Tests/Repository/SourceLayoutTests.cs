using System.Reflection;
using System.Text.RegularExpressions;
using Xunit;

namespace AsyncFl.Core.Tests.Repository;

/// <summary>
/// The layout rules of src/ (docs/architecture.md, "Layout"): one top-level type per file, named after it; one namespace
/// per folder, root-namespace extension methods aside (they sit next to their feature); no file above 500
/// lines unless its first line says why.
/// </summary>
public partial class SourceLayoutTests
{
    private const int MaxLines = 500;
    private const string LongFileMarker = "// Longer than 500 lines:";

    [GeneratedRegex(@"^(public |internal )?((sealed|static|abstract|readonly|partial|ref|unsafe) )*(record struct|record class|class|record|struct|interface|enum|delegate) ")]
    private static partial Regex TopLevelDeclaration();

    [GeneratedRegex(@"^[A-Za-z_]\w*")]
    private static partial Regex Identifier();

    private static string SourceRoot()
    {
        string root = typeof(SourceLayoutTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "AsyncFl.RepositoryRoot").Value!;
        string src = Path.Combine(root, "src");
        Assert.True(Directory.Exists(src), $"src/ not found under {root}");
        return src;
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(SourceRoot(), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "obj" or "bin"))
            .Order(StringComparer.Ordinal);

    private static string Relative(string file) => Path.GetRelativePath(SourceRoot(), file).Replace('\\', '/');

    internal static IReadOnlyList<string> TopLevelTypes(IEnumerable<string> lines)
    {
        var names = new List<string>();
        foreach (string line in lines)
        {
            var m = TopLevelDeclaration().Match(line);
            if (!m.Success)
            {
                continue;
            }

            string rest = line[m.Length..];
            if (m.Groups[4].Value == "delegate")
            {
                rest = rest[(rest.IndexOf(' ', StringComparison.Ordinal) + 1)..];
            }

            names.Add(Identifier().Match(rest).Value);
        }

        return names;
    }

    [Fact]
    public void EveryFile_HoldsOneTopLevelType_NamedAfterIt()
    {
        var problems = new List<string>();
        foreach (string file in SourceFiles())
        {
            var types = TopLevelTypes(File.ReadLines(file));
            // Foo.cs, Foo.Part.cs (a partial type), Foo{T}.cs (one arity of a generic name, as StyleCop names it).
            string baseName = Path.GetFileName(file).Split('.', '{')[0];
            if (types.Distinct().Count() > 1)
            {
                problems.Add($"{Relative(file)}: {string.Join(", ", types.Distinct())}");
            }
            else if (types.Count == 1 && types[0] != baseName)
            {
                problems.Add($"{Relative(file)}: holds {types[0]}");
            }
        }

        Assert.True(problems.Count == 0, "One type per file, named after it:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void EveryFolder_HoldsOneNamespace_RootExtensionsAside()
    {
        var problems = new List<string>();
        foreach (var folder in SourceFiles().Where(f => !IsRootExtensions(f)).GroupBy(Path.GetDirectoryName))
        {
            var namespaces = folder
                .Select(f => File.ReadLines(f).FirstOrDefault(l => l.StartsWith("namespace ", StringComparison.Ordinal)))
                .Where(n => n is not null)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (namespaces.Count > 1)
            {
                problems.Add($"{Relative(folder.Key!)}: {string.Join(" | ", namespaces)}");
            }
        }

        Assert.True(problems.Count == 0, "One namespace per folder:\n" + string.Join("\n", problems));
    }

    /// <summary>Extension methods on the builder or the server (<c>AddFedBuff</c>, <c>GetSchedulerStatistics</c>) sit in
    /// the root namespace, next to the feature they add, so users find them without a <c>using</c>.</summary>
    private static bool IsRootExtensions(string file) =>
        Path.GetFileName(file).EndsWith("Extensions.cs", StringComparison.Ordinal)
        && File.ReadLines(file).Any(l => l == "namespace AsyncFl;");

    [Fact]
    public void BuilderExtensions_AreInTheRootNamespace()
    {
        var problems = SourceFiles()
            .Where(f => Path.GetFileName(f).EndsWith("BuilderExtensions.cs", StringComparison.Ordinal))
            .Where(f => !File.ReadLines(f).Any(l => l == "namespace AsyncFl;"))
            .Select(Relative)
            .ToList();
        Assert.True(problems.Count == 0, "Builder extensions belong in namespace AsyncFl:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void NoFile_IsLongerThan500Lines_WithoutAReasonAtItsTop()
    {
        var problems = new List<string>();
        foreach (string file in SourceFiles())
        {
            var lines = File.ReadAllLines(file);
            if (lines.Length > MaxLines && !lines[0].StartsWith(LongFileMarker, StringComparison.Ordinal))
            {
                problems.Add($"{Relative(file)}: {lines.Length} lines");
            }
        }

        Assert.True(problems.Count == 0, $"Files above {MaxLines} lines need a first line '{LongFileMarker} <why>':\n" + string.Join("\n", problems));
    }

    [Fact]
    public void TheDeclarationScanner_FindsWhatItMust()
    {
        // The rules above are only as good as the scanner: it must see every kind of top-level declaration and skip
        // nested ones (indented) and file-local types.
        string[] source =
        [
            "public sealed class A",
            "internal readonly record struct B(int X);",
            "public delegate void C(int x);",
            "internal static partial class D",
            "public enum E",
            "file sealed class F",
            "    private sealed class Nested",
        ];
        Assert.Equal(["A", "B", "C", "D", "E"], TopLevelTypes(source));
    }
}
