using Undersigned.Features.Delivery;

namespace Undersigned.Tests.Features.Delivery;

public sealed class DeliveryFontsTests
{
    [Fact]
    public void Missing_fonts_fail_with_a_message_that_says_how_to_install_them()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DeliveryFonts.In("/nonexistent/fonts"));

        Assert.Contains("NotoSans-Regular.ttf", error.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji", error.Message, StringComparison.Ordinal);
    }
}
