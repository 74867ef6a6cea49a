namespace Undersigned.Features.Admin;

/// <summary>A labelled drop-down of an admin form, for the _Select partial: options as (value, text).</summary>
public sealed record SelectView(string Name, string Label, IReadOnlyList<(string Value, string Text)> Options, string? Value, string? Hint = null);
