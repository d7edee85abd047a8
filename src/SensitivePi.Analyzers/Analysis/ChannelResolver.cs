using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Framework;
using SensitivePi.Analyzers.Knowledge;

namespace SensitivePi.Analyzers.Analysis;

internal enum ChannelSecurity
{
    /// <summary>Not decidable from the code: never reported.</summary>
    Unknown,
    Encrypted,
    Plaintext,
}

/// <summary>What decides a channel: its security, and the literal whose scheme decides it (for the fix).</summary>
internal readonly struct ChannelVerdict
{
    public ChannelVerdict(ChannelSecurity security, SyntaxNode? schemeLiteral = null, bool needsTypeFacts = false, SyntaxNode? clientCreation = null, SyntaxNode? requestDeclaration = null, HttpClientKey? registration = null)
    {
        Registration = registration;
        RequestDeclaration = requestDeclaration;
        ClientCreation = clientCreation;
        Security = security;
        SchemeLiteral = schemeLiteral;
        NeedsTypeFacts = needsTypeFacts;
    }

    /// <summary>
    /// Unknown here because the client comes from the HTTP client factory and a relative URI goes to the BaseAddress
    /// its registration gives (<see cref="HttpClientRegistrations"/>, read at compilation end).
    /// </summary>
    public HttpClientKey? Registration { get; }

    /// <summary>Unknown because a field or property of the type holds the answer: resolve again with the type's facts (<see cref="TypeFacts"/>).</summary>
    public bool NeedsTypeFacts { get; }

    public ChannelSecurity Security { get; }

    /// <summary>The local declaration of an FtpWebRequest that never sets EnableSsl: the fix adds <c>request.EnableSsl = true;</c> after it.</summary>
    public SyntaxNode? RequestDeclaration { get; }

    /// <summary>The creation of an SmtpClient that never sets EnableSsl: the fix adds <c>EnableSsl = true</c> there.</summary>
    public SyntaxNode? ClientCreation { get; }

    /// <summary>The string literal or interpolated-string text that starts with the plaintext scheme.</summary>
    public SyntaxNode? SchemeLiteral { get; }

    public static ChannelVerdict Unknown => new(ChannelSecurity.Unknown);
}

/// <summary>
/// Decides, without guessing, whether a network sink call sends in plaintext (SPI001): from URI
/// literals, constants, static readonly fields, <c>new Uri(…)</c>, interpolations and concatenations with a
/// constant prefix, a client's BaseAddress and an SmtpClient's EnableSsl set in the same method.
/// </summary>
internal sealed class ChannelResolver
{
    private readonly ValueDefinitions _body;
    private readonly ValueDefinitions? _type;
    private bool _needsTypeFacts;

    /// <param name="body">What the analysed body assigns.</param>
    /// <param name="type">What every member of the containing type assigns; null when not read (yet).</param>
    public ChannelResolver(ValueDefinitions body, ValueDefinitions? type)
    {
        _body = body;
        _type = type;
    }

    // Locals are followed through at most this many single assignments (`var a = b; var b = "http://…"`).
    private const int MaxHops = 8;

    public ChannelVerdict Resolve(SinkHit hit) => Resolve(hit.Call, hit.Sink, hit.Root);

    /// <summary>
    /// The channel of the network sink <paramref name="call"/> in the body <paramref name="root"/>. It depends
    /// on the call alone, not on what flows into it: the value-flow analyzer asks it before any taint analysis.
    /// </summary>
    public ChannelVerdict Resolve(IOperation call, SinkMatch sink, IOperation root)
    {
        _needsTypeFacts = false;
        call = InOriginalTree(call, root);
        var verdict = ResolveCore(call, sink, root);
        return verdict.Security == ChannelSecurity.Unknown && _needsTypeFacts && _type is null
            ? new ChannelVerdict(ChannelSecurity.Unknown, needsTypeFacts: true)
            : verdict;
    }

    // A graph's call may have its receiver or arguments spilled into flow captures (before an anonymous object, an
    // await or a conditional among its arguments): the tree's call names them as written.
    private static IOperation InOriginalTree(IOperation call, IOperation root)
    {
        if (call is not IInvocationOperation invocation || !HasCaptures(invocation) || root.SemanticModel is not { } model)
        {
            return call;
        }

        return model.GetOperation(call.Syntax) is IInvocationOperation original ? original : call;

        static bool HasCaptures(IInvocationOperation invocation)
        {
            if (invocation.Instance is { } instance && OperationTree.WithoutConversions(instance) is IFlowCaptureReferenceOperation)
            {
                return true;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (OperationTree.WithoutConversions(argument.Value) is IFlowCaptureReferenceOperation)
                {
                    return true;
                }
            }

            return false;
        }
    }

    private ChannelVerdict ResolveCore(IOperation operation, SinkMatch sink, IOperation root)
    {
        if (operation is not IInvocationOperation call)
        {
            return ChannelVerdict.Unknown;
        }

        switch (sink.Entry?.Channel)
        {
            case NetworkChannel.Raw:
                return new ChannelVerdict(ChannelSecurity.Plaintext);
            case NetworkChannel.DeclaredEncrypted:
                return new ChannelVerdict(ChannelSecurity.Encrypted);
            case NetworkChannel.Smtp:
                return ResolveSmtp(call.Instance);
            case NetworkChannel.Writer:
                return ResolveWriter(call.Instance);
            case NetworkChannel.FtpStream:
                return ResolveFtpStream(call.Instance);
            case NetworkChannel.WebSocket:
                return ResolveWebSocket(call.Instance, root);
            case NetworkChannel.Http:
                var uri = ArgumentNamed(call, "requestUri") ?? ArgumentNamed(call, "address");
                if (uri is not null)
                {
                    // HttpClient methods are instance methods; the System.Net.Http.Json ones are extensions on it.
                    return ResolveRequestUri(uri, OperationTree.ReceiverOf(call));
                }

                return ArgumentNamed(call, "request") is { } request ? ResolveRequest(request, OperationTree.ReceiverOf(call)) : ChannelVerdict.Unknown;
            default:
                return ChannelVerdict.Unknown;
        }
    }

    private ChannelVerdict ResolveRequest(IOperation request, IOperation? client) =>
        RequestAddress(request) is { } address ? ResolveRequestUri(address, client) : ChannelVerdict.Unknown;

    /// <summary>
    /// The address a request was created with, <c>new HttpRequestMessage(method, address)</c>, or given it later
    /// (<c>RequestUri = address</c> in its initializer, or <c>request.RequestUri = address</c> on a local): the request
    /// given directly or through a local assigned once, and exactly one address; null otherwise.
    /// </summary>
    public IOperation? RequestAddress(IOperation request)
    {
        if (ValueOf(request) is not IObjectCreationOperation { Constructor.ContainingType.Name: "HttpRequestMessage" } creation)
        {
            return null;
        }

        var candidates = new List<IOperation>();
        if (creation.Arguments.Length == 2 && creation.Arguments[1].Value.ConstantValue is not { HasValue: true, Value: null })
        {
            candidates.Add(creation.Arguments[1].Value);
        }

        if (creation.Initializer is { } initializer)
        {
            foreach (var member in initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "RequestUri" } } assignment)
                {
                    candidates.Add(assignment.Value);
                }
            }
        }

        if (LocalOf(request) is { } local)
        {
            candidates.AddRange(MemberValues(local, "RequestUri"));
        }

        return candidates.Count == 1 ? candidates[0] : null;
    }

    private ChannelVerdict ResolveRequestUri(IOperation uri, IOperation? client)
    {
        var (text, literal) = ConstantPrefix(uri);
        if (text is null)
        {
            return ChannelVerdict.Unknown;
        }

        var scheme = SchemeOf(text);
        if (scheme is null)
        {
            // A relative URI goes to the client's BaseAddress.
            return text.Length > 0 && text[0] != '/' && text.IndexOf(':') > 0 || client is null
                ? ChannelVerdict.Unknown
                : ResolveBaseAddress(client);
        }

        return Verdict(scheme, "https", literal);
    }

    private ChannelVerdict ResolveBaseAddress(IOperation client)
    {
        // A primary constructor's HttpClient parameter, or a named client made here: its registration decides.
        if (HttpClientRegistrations.ClientOf(client) is { } injected)
        {
            return LeftToRegistration(injected);
        }

        if (ValueDefinitions.TargetOf(client) is not { } target)
        {
            return ChannelVerdict.Unknown;
        }

        // The BaseAddress given in the client's creation or by assignment: exactly one of them.
        var candidates = new List<IOperation>();
        var value = ValueOf(client);
        if (value is IObjectCreationOperation { Initializer: { } initializer })
        {
            foreach (var member in initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "BaseAddress" } } assignment)
                {
                    candidates.Add(assignment.Value);
                }
            }
        }

        candidates.AddRange(MemberValues(target, "BaseAddress"));
        if (candidates.Count == 0 && HttpClientRegistrations.ClientOf(value) is { } registered)
        {
            // A client injected into a field, or made by the factory by name, and given no BaseAddress here.
            return LeftToRegistration(registered);
        }

        return candidates.Count == 1 ? ResolveAddress(candidates[0]) : ChannelVerdict.Unknown;
    }

    /// <summary>The channel an absolute address gives: its scheme, from the constant text it starts with.</summary>
    public ChannelVerdict ResolveAddress(IOperation address)
    {
        var (text, literal) = ConstantPrefix(address);
        return text is not null && SchemeOf(text) is { } scheme ? Verdict(scheme, "https", literal) : ChannelVerdict.Unknown;
    }

    // Unless a typed client's own code or its base types' mention BaseAddress at all (`http.BaseAddress = …` on the
    // constructor's parameter before keeping it): then that code, which this does not follow, may decide. Syntax
    // only, and only on this rare path (a relative send on a factory client).
    private static ChannelVerdict LeftToRegistration(HttpClientKey client) =>
        client.Type is { } type && MentionsBaseAddress(type) ? ChannelVerdict.Unknown : new ChannelVerdict(ChannelSecurity.Unknown, registration: client);

    private static bool MentionsBaseAddress(INamedTypeSymbol type)
    {
        // The type and the base types declared in this compilation (a base constructor may set it).
        for (INamedTypeSymbol? current = type; current is not null && current.DeclaringSyntaxReferences.Length > 0; current = current.BaseType)
        {
            foreach (var reference in current.DeclaringSyntaxReferences)
            {
                foreach (var token in reference.GetSyntax().DescendantTokens())
                {
                    if (token.ValueText == "BaseAddress")
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private ChannelVerdict ResolveWebSocket(IOperation? socket, IOperation root)
    {
        if (socket is null || LocalOf(socket) is not { } local)
        {
            return ChannelVerdict.Unknown;
        }

        ChannelVerdict? verdict = null;
        foreach (var operation in root.DescendantsAndSelf())
        {
            if (operation is IInvocationOperation { TargetMethod.Name: "ConnectAsync", Instance: { } instance } connect
                && SymbolEqualityComparer.Default.Equals(LocalOf(instance), local)
                && OperationTree.ArgumentFor(connect, 0) is { } uri)
            {
                if (verdict is not null)
                {
                    return ChannelVerdict.Unknown;
                }

                var (text, literal) = ConstantPrefix(uri);
                verdict = text is not null && SchemeOf(text) is { } scheme ? Verdict(scheme, "wss", literal) : ChannelVerdict.Unknown;
            }
        }

        return verdict ?? ChannelVerdict.Unknown;
    }

    // new StreamWriter(networkStream) sends in plaintext; new StreamWriter(sslStream) does not; others are files.
    private ChannelVerdict ResolveWriter(IOperation? writer)
    {
        if (writer is null || ValueOf(writer) is not IObjectCreationOperation { Arguments.Length: > 0 } creation)
        {
            return ChannelVerdict.Unknown;
        }

        var stream = creation.Arguments[0].Value;
        var streamType = (ValueOf(stream) ?? OperationTree.WithoutConversions(stream)).Type ?? OperationTree.WithoutConversions(stream).Type;
        return TypeHierarchy.FirstBaseNamed(streamType, WellKnownTypes.NetworkStream, WellKnownTypes.SslStream) switch
        {
            WellKnownTypes.NetworkStream => new ChannelVerdict(ChannelSecurity.Plaintext),
            WellKnownTypes.SslStream => new ChannelVerdict(ChannelSecurity.Encrypted),
            _ => ChannelVerdict.Unknown,
        };
    }

    // request.GetRequestStream() of an FtpWebRequest made from an ftp:// URI, with EnableSsl never set true.
    private ChannelVerdict ResolveFtpStream(IOperation? stream)
    {
        if (stream is null
            || ValueOf(stream) is not IInvocationOperation { TargetMethod.Name: "GetRequestStream", Instance: { } request }
            || ValueDefinitions.TargetOf(request) is not { } target
            || WithoutCasts(ValueOf(request)) is not IInvocationOperation { TargetMethod.Name: "Create", TargetMethod.ContainingType.Name: "WebRequest" } create
            || create.Arguments.Length == 0)
        {
            return ChannelVerdict.Unknown;
        }

        // An ftp:// address, or a request the code itself casts to FtpWebRequest whatever its address.
        var (text, _) = ConstantPrefix(create.Arguments[0].Value);
        var isFtp = text is null
            ? ValueOf(request) is IConversionOperation { Type: { } castTo } && TypeHierarchy.HasMetadataName(castTo, "System.Net.FtpWebRequest")
            : SchemeOf(text) == "ftp";
        if (!isFtp)
        {
            return ChannelVerdict.Unknown;
        }

        var enableSsl = MemberValues(target, "EnableSsl");
        if (enableSsl.Count == 0)
        {
            var declaration = target is ILocalSymbol && target.DeclaringSyntaxReferences.Length == 1
                ? target.DeclaringSyntaxReferences[0].GetSyntax().FirstAncestorOrSelf<LocalDeclarationStatementSyntax>()
                : null;
            return new ChannelVerdict(ChannelSecurity.Plaintext, requestDeclaration: declaration?.Parent is BlockSyntax ? declaration : null);
        }

        return enableSsl.Count == 1 && enableSsl[0].ConstantValue is { HasValue: true, Value: bool enabled }
            ? new ChannelVerdict(enabled ? ChannelSecurity.Encrypted : ChannelSecurity.Plaintext)
            : ChannelVerdict.Unknown;
    }

    private static IOperation? WithoutCasts(IOperation? operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    private ChannelVerdict ResolveSmtp(IOperation? client)
    {
        // A client created in this code starts with EnableSsl = false; one handed in from elsewhere is unknown.
        if (client is null || ValueDefinitions.TargetOf(client) is not { } target || ValueOf(client) is not IObjectCreationOperation creation)
        {
            return ChannelVerdict.Unknown;
        }

        // A local client: the last assignment before the send decides (a loop around the send leaves every assignment
        // counting).
        var onlyBefore = false;
        if (target is ILocalSymbol && LastBefore(MemberValues(target, "EnableSsl"), client.Syntax) is var (last, ordered) && ordered)
        {
            if (last is not null)
            {
                return last.ConstantValue is { HasValue: true, Value: bool enabled }
                    ? new ChannelVerdict(enabled ? ChannelSecurity.Encrypted : ChannelSecurity.Plaintext)
                    : ChannelVerdict.Unknown;
            }

            // Nothing set before the send: the creation decides, whatever is set after it.
            onlyBefore = true;
        }

        // Every assignment counts, wherever it sits in the method: one non-constant one leaves it unknown.
        var sawTrue = false;
        var sawUnknown = false;
        void Note(IOperation value)
        {
            if (value.ConstantValue is { HasValue: true, Value: bool enabled })
            {
                sawTrue |= enabled;
            }
            else
            {
                sawUnknown = true;
            }
        }

        if (creation.Initializer is { } initializer)
        {
            foreach (var member in initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "EnableSsl" } } assignment)
                {
                    Note(assignment.Value);
                }
            }
        }

        if (!onlyBefore)
        {
            foreach (var value in MemberValues(target, "EnableSsl"))
            {
                Note(value);
            }
        }

        if (sawUnknown)
        {
            return ChannelVerdict.Unknown;
        }

        if (sawTrue)
        {
            return new ChannelVerdict(ChannelSecurity.Encrypted);
        }

        // The fix can set EnableSsl in the creation only when no statement elsewhere sets it again.
        var fixable = MemberValues(target, "EnableSsl").Count == 0;
        return new ChannelVerdict(ChannelSecurity.Plaintext, clientCreation: fixable ? creation.Syntax : null);
    }

    private static ChannelVerdict Verdict(string scheme, string secureScheme, SyntaxNode? literal) =>
        scheme switch
        {
            "http" or "ws" => new ChannelVerdict(ChannelSecurity.Plaintext, literal),
            "ftp" => new ChannelVerdict(ChannelSecurity.Plaintext),
            _ when scheme == secureScheme || scheme is "https" or "wss" or "ftps" => new ChannelVerdict(ChannelSecurity.Encrypted),
            _ => ChannelVerdict.Unknown,
        };

    /// <summary>The scheme of an absolute URI text, lower-cased; null for a relative one.</summary>
    private static string? SchemeOf(string text)
    {
        var colon = text.IndexOf("://", StringComparison.Ordinal);
        return colon > 0 ? text.Substring(0, colon).Trim().ToLowerInvariant() : null;
    }

    /// <summary>
    /// The constant text a URI expression starts with, and the literal that holds it: a literal, a const or
    /// static readonly field, <c>new Uri(…)</c>, an interpolation's first text, a concatenation's first operand.
    /// </summary>
    private (string? Text, SyntaxNode? Literal) ConstantPrefix(IOperation operation, int hops = 0)
    {
        if (hops > MaxHops)
        {
            return (null, null);
        }

        operation = OperationTree.WithoutConversions(operation);
        switch (operation)
        {
            case ILiteralOperation { ConstantValue: { HasValue: true, Value: string text } }:
                return (text, operation.Syntax);
            case IFieldReferenceOperation { Field: { } field }:
                var prefix = FieldPrefix(field);
                return prefix.Text is null && ValueOf(operation) is { } assigned && !ReferenceEquals(assigned, operation)
                    ? ConstantPrefix(assigned, hops + 1)
                    : prefix;
            case IObjectCreationOperation { Constructor.ContainingType: { Name: "Uri" } } creation when creation.Arguments.Length > 0:
                return ConstantPrefix(creation.Arguments[0].Value, hops + 1);
            case IInterpolatedStringOperation { Parts.Length: > 0 } interpolated
                when interpolated.Parts[0] is IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string first } } text:
                return (first, text.Syntax);

            // `$"{BaseUrl}/api/…"`, `$"{Scheme}{host}"`: the first hole fixes the scheme, as `BaseUrl + "/api"` does.
            case IInterpolatedStringOperation { Parts.Length: > 0 } interpolated
                when interpolated.Parts[0] is IInterpolationOperation { Alignment: null, FormatString: null } hole:
                return ConstantPrefix(hole.Expression, hops + 1);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary:
                return ConstantPrefix(binary.LeftOperand, hops + 1);
            case ILocalReferenceOperation or IPropertyReferenceOperation when ValueOf(operation) is { } value && !ReferenceEquals(value, operation):
                return ConstantPrefix(value, hops + 1);
            default:
                return operation.ConstantValue is { HasValue: true, Value: string constant } ? (constant, null) : (null, null);
        }
    }

    // const fields carry their value; static readonly ones are read from their declarator's initializer
    // (syntax only: a literal, or new Uri("literal")), wherever they are declared.
    private static (string? Text, SyntaxNode? Literal) FieldPrefix(IFieldSymbol field)
    {
        if (!field.IsConst && !(field.IsStatic && field.IsReadOnly))
        {
            return (null, null);
        }

        if (field.DeclaringSyntaxReferences.Length != 1
            || field.DeclaringSyntaxReferences[0].GetSyntax() is not VariableDeclaratorSyntax { Initializer.Value: { } value })
        {
            return field.IsConst && field.ConstantValue is string constant ? (constant, null) : (null, null);
        }

        if (value is BaseObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: > 0 } creation)
        {
            value = creation.ArgumentList.Arguments[0].Expression;
        }

        return value switch
        {
            LiteralExpressionSyntax literal when literal.Token.Value is string text => (text, literal),
            _ when field.IsConst && field.ConstantValue is string constant => (constant, null),
            _ => (null, null),
        };
    }

    /// <summary>
    /// What an expression evaluates to when it names a local, field or auto-property given exactly one value
    /// (in this body for locals; anywhere in the type for fields and properties); otherwise the expression.
    /// </summary>
    private IOperation? ValueOf(IOperation operation)
    {
        operation = OperationTree.WithoutConversions(operation);
        switch (ValueDefinitions.TargetOf(operation))
        {
            case null:
                return operation;
            case ILocalSymbol:
                return _body.DefinedValue(operation);
            case var member:
                _needsTypeFacts = true;
                return _type?.Single(member) is { } memberValue ? OperationTree.WithoutConversions(memberValue) : null;
        }
    }

    // The value assigned last before `send` in the text, and whether the text's order is the run's: only for
    // assignments that are statements of the send's own block (no branch between them), and not when the send sits
    // in a loop and some assignment comes after it.
    private static (IOperation? Last, bool Ordered) LastBefore(IReadOnlyList<IOperation> values, SyntaxNode send)
    {
        IOperation? last = null;
        var anyAfter = false;
        var sendBlock = send.FirstAncestorOrSelf<StatementSyntax>()?.Parent;
        foreach (var value in values)
        {
            if (value.Syntax.SyntaxTree != send.SyntaxTree || sendBlock is null
                || value.Syntax.FirstAncestorOrSelf<StatementSyntax>()?.Parent != sendBlock)
            {
                return (null, false);
            }

            if (value.Syntax.SpanStart >= send.SpanStart)
            {
                anyAfter = true;
            }
            else if (last is null || value.Syntax.SpanStart > last.Syntax.SpanStart)
            {
                last = value;
            }
        }

        var inLoop = send.Ancestors().Any(a => a is ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax);
        return (last, !(anyAfter && inLoop));
    }

    private IReadOnlyList<IOperation> MemberValues(ISymbol target, string member)
    {
        if (target is ILocalSymbol)
        {
            return _body.MemberValues(target, member);
        }

        _needsTypeFacts = true;
        return _type?.MemberValues(target, member) ?? System.Array.Empty<IOperation>();
    }

    private static ILocalSymbol? LocalOf(IOperation operation) =>
        OperationTree.WithoutConversions(operation) is ILocalReferenceOperation local ? local.Local : null;

    private static IOperation? ArgumentNamed(IInvocationOperation call, string name)
    {
        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter?.Name == name && !argument.IsImplicit)
            {
                return argument.Value;
            }
        }

        return null;
    }
}
