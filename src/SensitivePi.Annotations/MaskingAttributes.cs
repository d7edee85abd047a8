using System;

namespace SensitivePi;

/// <summary>
/// Marks a method whose result is a de-identified form of its input. The analyzers treat the
/// result as no longer sensitive.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class MasksPersonalInfoAttribute : Attribute
{
}

/// <summary>
/// Marks a method whose result is an encrypted form of its input (PIPL Art. 51). The analyzers treat
/// the result as no longer sensitive plaintext.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class EncryptsPersonalInfoAttribute : Attribute
{
}
