using System.Collections.Concurrent;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Undersigned.Browser.Tests.Hosting;

/// <summary>
/// Watches every page of a browser context for navigations (links, form posts, redirects' ends) that land on a
/// 4xx or 5xx answer, and tells them from the ones the test declared it expects.
/// </summary>
internal sealed class ErrorPages(ITestOutputHelper output)
{
    private readonly ConcurrentQueue<string> unexpected = new();
    private readonly ConcurrentBag<(int Status, string? Path)> expected = [];

    public void Expect(int status, string? path) => expected.Add((status, path));

    public void Watch(IBrowserContext context) => context.Response += (_, response) => Check(response);

    /// <summary>Fails the test for the first error page no one expected, with the failure it caused, if any.</summary>
    public void AssertNoneUnexpected(Exception? failure = null)
    {
        if (!unexpected.IsEmpty)
        {
            throw new ErrorPageException(
                $"A page landed on an error nobody expected (declare it with ExpectStatus if it is the point):\n  {string.Join("\n  ", unexpected)}",
                failure);
        }
    }

    private void Check(IResponse response)
    {
        // Only what a person would see as the page: the main frame's navigations, not images, scripts or iframes.
        if (response.Status < 400 || !response.Request.IsNavigationRequest || response.Frame.ParentFrame is not null)
        {
            return;
        }
        var path = new Uri(response.Url).AbsolutePath;
        if (expected.Any(e => e.Status == response.Status && (e.Path is null || e.Path == path)))
        {
            return;
        }
        var what = $"{response.Request.Method} {response.Url} answered {response.Status}";
        unexpected.Enqueue(what);
        try
        {
            output.WriteLine($"Error page: {what}");
        }
        catch (InvalidOperationException)
        {
            // The test is already over; AssertNoneUnexpected reports it.
        }
    }
}

/// <summary>A test's page showed an error it did not declare.</summary>
public sealed class ErrorPageException(string message, Exception? inner) : Exception(message, inner);
