namespace SensitivePi.Analyzers.Framework;

/// <summary>
/// The one set of bounds every recursion of the package obeys. A stack overflow cannot be caught: it
/// would end the whole build, not only this analyzer. Past a bound an analysis has no evidence, so it
/// reports nothing there (or, for a plain walk, continues on a heap-stacked iterator). See
/// docs/design/architecture.md, "Framework".
/// </summary>
internal static class StackGuard
{
    /// <summary>
    /// How deep any walk or evaluation may recurse through operations (a concatenation of thousands of
    /// terms nests that deep) or through types' members.
    /// </summary>
    public const int MaxDepth = 400;

    /// <summary>Lambdas inside lambdas inside local functions: deeper nesting is analysed no further.</summary>
    public const int MaxFunctionNesting = 8;

    /// <summary>Overrides and implementations followed to inherit a classification; real chains are short.</summary>
    public const int MaxInheritanceDepth = 16;

    /// <summary>Whether a recursion at <paramref name="depth"/> levels may go one level deeper.</summary>
    public static bool MayDescend(int depth) => depth < MaxDepth;
}
