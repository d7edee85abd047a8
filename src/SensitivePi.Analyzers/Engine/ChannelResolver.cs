using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SensitivePi.Analyzers.Engine;

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
    public ChannelVerdict(ChannelSecurity security, SyntaxNode? schemeLiteral = null)
    {
        Security = security;
        SchemeLiteral = schemeLiteral;
    }

    public ChannelSecurity Security { get; }

    /// <summary>The string literal or interpolated-string text that starts with the plaintext scheme.</summary>
    public SyntaxNode? SchemeLiteral { get; }

    public static ChannelVerdict Unknown => new(ChannelSecurity.Unknown);
}

/// <summary>
/// Decides, without guessing, whether a network sink call sends in plaintext (SPI001): from URI
/// literals, constants, static readonly fields, <c>new Uri(…)</c>, interpolations and concatenations with a
/// constant prefix, a client's BaseAddress and an SmtpClient's EnableSsl set in the same method.
/// </summary>
internal static class ChannelResolver
{
    // Locals are followed through at most this many single assignments (`var a = b; var b = "http://…"`).
    private const int MaxHops = 8;

    public static ChannelVerdict Resolve(SinkHit hit)
    {
        var call = hit.Call;
        switch (hit.Sink.Entry?.Channel)
        {
            case NetworkChannel.Raw:
                return new ChannelVerdict(ChannelSecurity.Plaintext);
            case NetworkChannel.Smtp:
                return ResolveSmtp(call.Instance, hit.Root);
            case NetworkChannel.WebSocket:
                return ResolveWebSocket(call.Instance, hit.Root);
            case NetworkChannel.Http:
                var uri = ArgumentNamed(call, "requestUri") ?? ArgumentNamed(call, "address");
                if (uri is not null)
                {
                    return ResolveRequestUri(uri, Receiver(call), hit.Root);
                }

                return ArgumentNamed(call, "request") is { } request ? ResolveRequest(request, Receiver(call), hit.Root) : ChannelVerdict.Unknown;
            default:
                return ChannelVerdict.Unknown;
        }
    }

    // HttpClient methods are instance methods; the System.Net.Http.Json ones are extensions on it.
    private static IOperation? Receiver(IInvocationOperation call) =>
        call.Instance ?? (call.TargetMethod.IsExtensionMethod ? ArgumentAt(call, 0) : null);

    private static ChannelVerdict ResolveRequest(IOperation request, IOperation? client, IOperation root)
    {
        if (Definition(request, root) is IObjectCreationOperation { Constructor.ContainingType.Name: "HttpRequestMessage" } creation
            && creation.Arguments.Length == 2)
        {
            return ResolveRequestUri(creation.Arguments[1].Value, client, root);
        }

        return ChannelVerdict.Unknown;
    }

    private static ChannelVerdict ResolveRequestUri(IOperation uri, IOperation? client, IOperation root)
    {
        var (text, literal) = ConstantPrefix(uri, root);
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
                : ResolveBaseAddress(client, root);
        }

        return Verdict(scheme, "https", literal);
    }

    private static ChannelVerdict ResolveBaseAddress(IOperation client, IOperation root)
    {
        if (LocalOf(client) is not { } local)
        {
            return ChannelVerdict.Unknown;
        }

        IOperation? baseAddress = null;
        var count = 0;
        if (Definition(client, root) is IObjectCreationOperation { Initializer: { } initializer })
        {
            foreach (var member in initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "BaseAddress" } } assignment)
                {
                    baseAddress = assignment.Value;
                    count++;
                }
            }
        }

        foreach (var operation in root.DescendantsAndSelf())
        {
            if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "BaseAddress", Instance: { } instance } } assignment
                && SymbolEqualityComparer.Default.Equals(LocalOf(instance), local))
            {
                baseAddress = assignment.Value;
                count++;
            }
        }

        if (count != 1 || baseAddress is null)
        {
            return ChannelVerdict.Unknown;
        }

        var (text, literal) = ConstantPrefix(baseAddress, root);
        return text is not null && SchemeOf(text) is { } scheme ? Verdict(scheme, "https", literal) : ChannelVerdict.Unknown;
    }

    private static ChannelVerdict ResolveWebSocket(IOperation? socket, IOperation root)
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
                && ArgumentAt(connect, 0) is { } uri)
            {
                if (verdict is not null)
                {
                    return ChannelVerdict.Unknown;
                }

                var (text, literal) = ConstantPrefix(uri, root);
                verdict = text is not null && SchemeOf(text) is { } scheme ? Verdict(scheme, "wss", literal) : ChannelVerdict.Unknown;
            }
        }

        return verdict ?? ChannelVerdict.Unknown;
    }

    private static ChannelVerdict ResolveSmtp(IOperation? client, IOperation root)
    {
        // A client created here starts with EnableSsl = false; one handed in from elsewhere is unknown.
        if (client is null || LocalOf(client) is not { } local || Definition(client, root) is not IObjectCreationOperation creation)
        {
            return ChannelVerdict.Unknown;
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

        foreach (var operation in root.DescendantsAndSelf())
        {
            if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "EnableSsl", Instance: { } instance } } assignment
                && SymbolEqualityComparer.Default.Equals(LocalOf(instance), local))
            {
                Note(assignment.Value);
            }
        }

        bool? enableSsl = sawUnknown ? null : sawTrue;
        return enableSsl switch
        {
            true => new ChannelVerdict(ChannelSecurity.Encrypted),
            false => new ChannelVerdict(ChannelSecurity.Plaintext),
            _ => ChannelVerdict.Unknown,
        };
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
    private static (string? Text, SyntaxNode? Literal) ConstantPrefix(IOperation operation, IOperation root, int hops = 0)
    {
        if (hops > MaxHops)
        {
            return (null, null);
        }

        operation = TaintAnalysis.WithoutConversions(operation);
        switch (operation)
        {
            case ILiteralOperation { ConstantValue: { HasValue: true, Value: string text } }:
                return (text, operation.Syntax);
            case IFieldReferenceOperation { Field: { } field }:
                return FieldPrefix(field);
            case IObjectCreationOperation { Constructor.ContainingType: { Name: "Uri" } } creation when creation.Arguments.Length > 0:
                return ConstantPrefix(creation.Arguments[0].Value, root, hops + 1);
            case IInterpolatedStringOperation { Parts.Length: > 0 } interpolated
                when interpolated.Parts[0] is IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string first } } text:
                return (first, text.Syntax);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary:
                return ConstantPrefix(binary.LeftOperand, root, hops + 1);
            case ILocalReferenceOperation when Definition(operation, root) is { } value:
                return ConstantPrefix(value, root, hops + 1);
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

    /// <summary>The value a local was given, when it was assigned exactly once in this member.</summary>
    private static IOperation? Definition(IOperation operation, IOperation root)
    {
        operation = TaintAnalysis.WithoutConversions(operation);
        if (LocalOf(operation) is not { } local)
        {
            return operation;
        }

        IOperation? value = null;
        var count = 0;
        foreach (var candidate in root.DescendantsAndSelf())
        {
            switch (candidate)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    if (declarator.GetVariableInitializer() is { } initializer)
                    {
                        value = initializer.Value;
                        count++;
                    }

                    break;
                case IAssignmentOperation { Target: ILocalReferenceOperation target } assignment
                    when SymbolEqualityComparer.Default.Equals(target.Local, local):
                    value = assignment.Value;
                    count++;
                    break;
            }
        }

        return count == 1 && value is not null ? TaintAnalysis.WithoutConversions(value) : null;
    }

    private static ILocalSymbol? LocalOf(IOperation operation) =>
        TaintAnalysis.WithoutConversions(operation) is ILocalReferenceOperation local ? local.Local : null;

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

    private static IOperation? ArgumentAt(IInvocationOperation call, int ordinal)
    {
        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal)
            {
                return argument.Value;
            }
        }

        return null;
    }
}
