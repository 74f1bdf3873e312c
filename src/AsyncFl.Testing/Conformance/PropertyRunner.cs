using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;

namespace AsyncFl.Testing;

/// <summary>Runs one FsCheck property over one arbitrary and returns its shrunk counterexample, if any (FsCheck's runner
/// interface: the result is read, nothing is printed).</summary>
internal static class PropertyRunner
{
    public static ConformanceFailure? Run<T>(string name, Arbitrary<T> arbitrary, Func<T, InvariantResult> check, int maxTest, ulong seed)
    {
        var property = Prop.ForAll(arbitrary, (T value) => Evaluate(check, value).Holds);
        var runner = new CapturingRunner();
        var config = Config.Quick
            .WithMaxTest(maxTest)
            .WithQuietOnSuccess(true)
            .WithRunner(runner)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed), FSharpOption<int>.None)));
        Check.One(name, config, property);
        if (runner.Result is not TestResult.Failed failed)
        {
            return null;
        }

        object? original = failed.Item2.IsEmpty ? null : failed.Item2.Head;
        object? shrunk = failed.Item3.IsEmpty ? original : failed.Item3.Head;
        string message = shrunk is T value ? Evaluate(check, value).ToString() : "the property failed";
        return new ConformanceFailure(name, shrunk, original, failed.Item1.NumberOfShrinks, message, $"Seed = {seed}");
    }

    private static InvariantResult Evaluate<T>(Func<T, InvariantResult> check, T value)
    {
        try
        {
            return check(value);
        }
#pragma warning disable CA1031 // a strategy under test may throw anything; that is a failure to report, not to rethrow
        catch (Exception e)
#pragma warning restore CA1031
        {
            return InvariantResult.Fail("no exception", e.GetType().Name + ": " + e.Message);
        }
    }

    private sealed class CapturingRunner : IRunner
    {
        public TestResult? Result { get; private set; }

        public void OnStartFixture(Type t)
        {
        }

        public void OnArguments(int ntest, FSharpList<object> args, FSharpFunc<int, FSharpFunc<FSharpList<object>, string>> every)
        {
        }

        public void OnShrink(FSharpList<object> args, FSharpFunc<FSharpList<object>, string> everyShrink)
        {
        }

        public void OnFinished(string name, TestResult testResult) => Result = testResult;
    }
}
