using System.Net;
using Hypercare.Core.Notifications.Delivery;

namespace Hypercare.Core.Tests.Notifications;

public sealed class WebhookUrlValidatorTests
{
    private static readonly WebhookUrlValidator Production = new(new WebhookSettings());
    private static readonly WebhookUrlValidator Development = new(new WebhookSettings { AllowLoopbackHttp = true });

    private static WebhookUrlValidator Resolving(string address, bool allowLoopbackHttp = false) =>
        new(new WebhookSettings { AllowLoopbackHttp = allowLoopbackHttp }, (_, _) => Task.FromResult(new[] { IPAddress.Parse(address) }));

    [Fact]
    public async Task ValidateAsync_HttpsToPublicAddress_Accepted()
    {
        Assert.Null(await Resolving("52.89.214.238").ValidateAsync("https://hooks.slack.com/services/T000/B000/XXXX"));
        Assert.Null(await Production.ValidateAsync("https://8.8.8.8/hook"));
    }

    [Theory]
    [InlineData("http://hooks.slack.com/services/T000/B000/XXXX")]
    [InlineData("ftp://hooks.slack.com/x")]
    [InlineData("hooks.slack.com/services")]
    [InlineData("")]
    [InlineData("https://user:secret@hooks.slack.com/x")]
    public void CheckForm_NotHttpsOrMalformed_Refused(string url) => Assert.NotNull(Production.CheckForm(url));

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.254")]
    [InlineData("192.168.1.10")]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.8.8")]
    [InlineData("169.254.169.254")]
    [InlineData("0.0.0.0")]
    [InlineData("100.64.0.1")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("fe80::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::7f00:1")]
    [InlineData("::ffff:0:7f00:1")]
    [InlineData("::ffff:0:a00:1")]
    [InlineData("2002:7f00:1::")]
    [InlineData("2002:a9fe:a9fe::1")]
    [InlineData("2001:0:4136:e378:8000:63bf:80ff:fffe")]
    [InlineData("2001:0:0a00:0001:8000:63bf:3fff:fdd2")]
    [InlineData("64:ff9b::a00:1")]
    [InlineData("64:ff9b:1::a9fe:a9fe")]
    [InlineData("100::1")]
    [InlineData("192.0.2.10")]
    [InlineData("198.51.100.7")]
    [InlineData("203.0.113.10")]
    public async Task ValidateAsync_HostResolvingToNonPublicAddress_Refused(string address)
    {
        Assert.False(WebhookUrlValidator.IsPublic(IPAddress.Parse(address)));
        Assert.NotNull(await Resolving(address).ValidateAsync("https://hooks.example.com/x"));
    }

    [Theory]
    [InlineData("https://10.0.0.5/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[fe80::1]/hook")]
    [InlineData("https://[::7f00:1]/hook")]
    [InlineData("https://[::ffff:0:7f00:1]/hook")]
    [InlineData("https://[2002:7f00:1::]/hook")]
    [InlineData("https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/hook")]
    [InlineData("https://127.0.0.1./hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("https://app.localhost/hook")]
    [InlineData("https://intranet/hook")]
    [InlineData("https://metadata.google.internal/computeMetadata/v1/")]
    [InlineData("https://printer.local/hook")]
    [InlineData("https://hooks.slack.com./services/x")]
    public void CheckForm_LiteralNonPublicAddressOrPrivateName_Refused(string url) => Assert.NotNull(Production.CheckForm(url));

    [Theory]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("11.0.0.1")]
    [InlineData("2606:4700::1111")]
    [InlineData("2002:3400:000a::1")]
    [InlineData("64:ff9b::3400:a")]
    [InlineData("::ffff:0:3400:a")]
    public void IsPublic_JustOutsidePrivateRanges_True(string address) => Assert.True(WebhookUrlValidator.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public async Task ValidateAsync_OneOfSeveralAddressesPrivate_Refused()
    {
        var validator = new WebhookUrlValidator(new WebhookSettings(),
            (_, _) => Task.FromResult(new[] { IPAddress.Parse("52.89.214.238"), IPAddress.Parse("10.0.0.7") }));
        Assert.Contains("10.0.0.7", await validator.ValidateAsync("https://hooks.example.com/x"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_LoopbackHttpWithoutFlag_Refused()
    {
        Assert.NotNull(await Production.ValidateAsync("http://127.0.0.1:5000/hook"));
        Assert.NotNull(await Production.ValidateAsync("http://localhost:5000/hook"));
        Assert.NotNull(await Production.ValidateAsync("https://localhost:5000/hook"));
    }

    [Fact]
    public async Task ValidateAsync_LoopbackHttpWithFlag_Accepted()
    {
        Assert.Null(await Development.ValidateAsync("http://127.0.0.1:5000/hook"));
        Assert.Null(await Development.ValidateAsync("http://localhost:5000/hook"));
    }

    [Fact]
    public async Task ValidateAsync_PlainHttpToPrivateOrPublicWithFlag_Refused()
    {
        Assert.NotNull(await Resolving("10.0.0.1", allowLoopbackHttp: true).ValidateAsync("http://intranet.example/hook"));
        Assert.NotNull(await Resolving("52.89.214.238", allowLoopbackHttp: true).ValidateAsync("http://hooks.example.com/hook"));
    }
}
