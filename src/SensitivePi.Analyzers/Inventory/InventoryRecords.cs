using System.Collections.Immutable;

namespace SensitivePi.Analyzers.Inventory;

// The record of processing as plain text (docs/command-line-tool.md): no symbol, operation or tree is kept, so the
// records outlive the compilation they were read from.

/// <summary>A place in a source file (1-based line and column), or an annotation file.</summary>
internal sealed class SourcePlace
{
    public SourcePlace(string path, int line, int column)
    {
        Path = path;
        Line = line;
        Column = column;
    }

    public string Path { get; }

    public int Line { get; }

    public int Column { get; }
}

/// <summary>One classified member, parameter, return value or type.</summary>
internal sealed class InventoryMember
{
    public InventoryMember(string symbol, string name, string kind, string category, string legalBasis, string mask, string atRest, string? form, string classifiedBy, SourcePlace? declaredAt)
    {
        Symbol = symbol;
        Name = name;
        Kind = kind;
        Category = category;
        LegalBasis = legalBasis;
        Mask = mask;
        AtRest = atRest;
        Form = form;
        ClassifiedBy = classifiedBy;
        DeclaredAt = declaredAt;
    }

    public string Symbol { get; }

    public string Name { get; }

    public string Kind { get; }

    public string Category { get; }

    public string LegalBasis { get; }

    public string Mask { get; }

    public string AtRest { get; }

    public string? Form { get; }

    public string ClassifiedBy { get; }

    public SourcePlace? DeclaredAt { get; }
}

/// <summary>
/// One flow of classified data to a sink: what, to which kind of sink and which sink, where, whether masked or
/// encrypted on the way, and the consent shown there (default, not empty, when not worked out: flows across methods).
/// </summary>
internal sealed class InventoryFlow
{
    public InventoryFlow(string data, string dataName, string category, string sinkKind, string sink, string? target, string protection, ImmutableArray<string> consent, string? member, SourcePlace? at, ImmutableArray<string> through)
    {
        Data = data;
        DataName = dataName;
        Category = category;
        SinkKind = sinkKind;
        Sink = sink;
        Target = target;
        Protection = protection;
        Consent = consent;
        Member = member;
        At = at;
        Through = through;
    }

    public string Data { get; }

    public string DataName { get; }

    public string Category { get; }

    public string SinkKind { get; }

    public string Sink { get; }

    public string? Target { get; }

    public string Protection { get; }

    public ImmutableArray<string> Consent { get; }

    public string? Member { get; }

    public SourcePlace? At { get; }

    public ImmutableArray<string> Through { get; }
}

/// <summary>One [IdentityVerification] method of a purpose, and whether it needs biometrics.</summary>
internal sealed class InventoryVerification
{
    public InventoryVerification(string purpose, string method, string name, string verdict, SourcePlace? at)
    {
        Purpose = purpose;
        Method = method;
        Name = name;
        Verdict = verdict;
        At = at;
    }

    public string Purpose { get; }

    public string Method { get; }

    public string Name { get; }

    public string Verdict { get; }

    public SourcePlace? At { get; }
}
