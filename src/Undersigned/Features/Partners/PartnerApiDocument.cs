using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Undersigned.Features.Partners;

/// <summary>
/// Describes the partner API's keys in the OpenAPI document: a bearer key and OSDI's header, either of which
/// each partner endpoint accepts.
/// </summary>
public sealed class PartnerApiDocument : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string Bearer = "partnerKey";
    public const string OsdiToken = "osdiApiToken";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An organization's API key (usk_...), created on its dashboard at /partners/{org}/keys.",
        };
        document.Components.SecuritySchemes[OsdiToken] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "OSDI-API-Token",
            Description = "The same key, in the header OSDI clients send.",
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<PartnerKeySecured>().Any())
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] });
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OsdiToken, context.Document)] = [] });
        }
        return Task.CompletedTask;
    }
}
