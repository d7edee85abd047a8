using System;

namespace SensitivePi;

/// <summary>
/// On a field or property of a class or struct marked <see cref="SensitivePersonalInfoAttribute"/>: this member
/// carries no personal information (a surrogate key, a version stamp), although its type is annotated. Every
/// other member read from an instance of an annotated type is that type's data, numbers included. On any other
/// member it tells the name-based suggestion (SPI012) that a member named like personal data holds none.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class NotPersonalInfoAttribute : Attribute
{
}
