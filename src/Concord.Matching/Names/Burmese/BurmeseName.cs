namespace Concord.Matching;

/// <summary>A Burmese name in Unicode Myanmar script with its leading honorific (as written) taken off.</summary>
public readonly record struct BurmeseName(string Name, string? Honorific);
