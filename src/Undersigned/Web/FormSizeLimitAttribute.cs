using Microsoft.AspNetCore.Http.Metadata;

namespace Undersigned.Web;

/// <summary>
/// The largest body a page's forms accept, as endpoint metadata. Routing applies it before <see cref="FormReading"/>
/// reads the form; MVC's own [RequestSizeLimit] filter would come after the form was read, too late to apply.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class FormSizeLimitAttribute(long bytes) : Attribute, IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize { get; } = bytes;
}
