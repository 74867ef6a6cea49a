namespace Undersigned.Web;

/// <summary>Why a request's body is refused before any page or endpoint sees it, and with which status.</summary>
public sealed record FormRefusal(int Status, string Reason)
{
    /// <summary>A body the app cannot parse.</summary>
    public static FormRefusal BadRequest(string reason) => new(StatusCodes.Status400BadRequest, reason);

    /// <summary>A media type or charset the app does not take.</summary>
    public static FormRefusal Unsupported(string reason) => new(StatusCodes.Status415UnsupportedMediaType, reason);
}
