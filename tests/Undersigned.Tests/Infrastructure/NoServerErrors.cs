namespace Undersigned.Tests.Infrastructure;

/// <summary>
/// Every client the tests use goes through this handler, so that no request anywhere in the suite may answer 5xx:
/// whatever a test sends, a server error fails it, with the start of the answer in the message.
/// </summary>
public sealed class NoServerErrors : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if ((int)response.StatusCode >= 500)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new ServerErrorException(
                $"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}; no request may make the "
                + $"server fail (the app log is in the test output). The answer began:\n{body[..Math.Min(body.Length, 2000)]}");
        }
        return response;
    }
}

public sealed class ServerErrorException(string message) : Exception(message);
