namespace SensitivePi.Analyzers.Knowledge;

/// <summary>What a call does to the sensitivity of the values passing through it.</summary>
internal enum CallEffect
{
    /// <summary>The result is not sensitive: no guessing about calls the tables do not know.</summary>
    None,

    /// <summary>Masks or redacts: the result is no one's personal information any more, whatever went in.</summary>
    Sanitizes,

    /// <summary>
    /// Encrypts or hashes: the result is no longer readable (logs and channels are satisfied), but it is still the
    /// person's data, which the consent rules go on counting.
    /// </summary>
    Protects,

    /// <summary>The result carries the receiver's and the arguments' data (string, Convert, LINQ…).</summary>
    Propagates,

    /// <summary>As <see cref="Propagates"/>, and the arguments' data is added to the receiver (<c>sb.Append(x)</c>, <c>list.Add(x)</c>).</summary>
    PropagatesIntoReceiver,

    /// <summary>Serialises its arguments' members: a container's sensitive members end up in the result.</summary>
    Renders,

    /// <summary>
    /// A projection (<c>Select</c>): the result holds what the selector returns for each element, not the elements
    /// themselves. A selector that is not a lambda leaves it <see cref="Propagates"/>.
    /// </summary>
    Projects,

    /// <summary>Copies the receiver's data into the first argument (<c>upload.CopyToAsync(memory)</c>); the result carries nothing.</summary>
    CopiesIntoArgument,
}

/// <summary>One row of a transfer table: methods of a type (optionally of types deriving from it) by name pattern.</summary>
internal sealed class TransferEntry
{
    public TransferEntry(CallEffect effect, string typeName, string[] members, bool includeDerived = false)
    {
        Effect = effect;
        TypeName = typeName;
        Members = members;
        IncludeDerived = includeDerived;
    }

    public CallEffect Effect { get; }

    public string TypeName { get; }

    public string[] Members { get; }

    public bool IncludeDerived { get; }
}
