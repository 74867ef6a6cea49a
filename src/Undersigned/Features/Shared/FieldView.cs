namespace Undersigned.Features.Shared;

/// <summary>
/// One labelled field of a staff form, for the _Field partial: the error from ModelState beside it, the typed
/// value kept. <paramref name="Type"/> is an input type, or "textarea".
/// </summary>
public sealed record FieldView(
    string Name,
    string Label,
    string Type = "text",
    string? Value = null,
    string? Autocomplete = null,
    string? Hint = null,
    int? MaxLength = null,
    bool Required = true);
