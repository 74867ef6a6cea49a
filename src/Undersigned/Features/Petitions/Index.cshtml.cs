using Microsoft.AspNetCore.Mvc.RazorPages;
using Undersigned.Data;

namespace Undersigned.Features.Petitions;

public sealed class IndexModel(PetitionReader petitions) : PageModel
{
    public IReadOnlyList<PetitionSummary> Petitions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Petitions = await petitions.ListAsync([PetitionStatus.Open], ct);
}
