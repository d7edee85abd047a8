using System;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using SensitivePi.Analyzers;

namespace SensitivePi.Tests.Meta;

/// <summary>The descriptors the package declares, the list every meta-test checks other lists against.</summary>
public static class Catalogue
{
    public static readonly DiagnosticDescriptor[] Descriptors = typeof(SensitivePi.Analyzers.Descriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .OrderBy(d => d.Id, StringComparer.Ordinal)
        .ToArray();

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in Descriptors)
        {
            data.Add(descriptor.Id);
        }

        return data;
    }

    public static DiagnosticDescriptor Find(string id) => Descriptors.Single(d => d.Id == id);
}
