using CsCheck;
using Hypercare.Core.Adoption.Import;

namespace Hypercare.Core.Tests.Adoption.Import;

public class SalesforceIdTests
{
    [Theory]
    [InlineData("0055j000000utlP", "0055j000000utlPAAQ")]
    [InlineData("0AT5j00002GVrfn", "0AT5j00002GVrfnGAD")]
    [InlineData("005Hn00000H35Jt", "005Hn00000H35JtIAJ")]
    [InlineData("70130000001tcyI", "70130000001tcyIAAQ")]
    [InlineData("00558000001N0Ke", "00558000001N0KeAAK")]
    [InlineData("a0BA0000000L2ZC", "a0BA0000000L2ZCMA0")]
    [InlineData("AaaAABbbBBCccCC", "AaaAABbbBBCccCCZZZ")]
    [InlineData("AAaAAbbBBBCcCCC", "AAaAAbbBBBCcCCC123")]
    [InlineData("ABCDEFGHIJKLMNO", "ABCDEFGHIJKLMNO555")]
    [InlineData("80120000000test", "80120000000testAAA")]
    [InlineData("0064100000JXITS", "0064100000JXITSAA5")]
    [InlineData("0013000000I3zJA", "0013000000I3zJAAAZ")]
    [InlineData("a0D30000001n7Pi", "a0D30000001n7PiEAI")]
    public void To18_PublishedVectors_Match(string id15, string id18) => Assert.Equal(id18, SalesforceId.To18(id15));

    [Fact]
    public void Canonical_15And18AndUpperCased18_AreTheSameUser()
    {
        Assert.Equal("005Hs00000AbCdEIAV", SalesforceId.Canonical("005Hs00000AbCdE"));
        Assert.Equal("005Hs00000AbCdEIAV", SalesforceId.Canonical("005Hs00000AbCdEIAV"));
        Assert.Equal("005Hs00000AbCdEIAV", SalesforceId.Canonical("005HS00000ABCDEIAV"));
        Assert.Equal("80120000000testAAA", SalesforceId.Canonical("80120000000TESTAAA"));
    }

    [Fact]
    public void Canonical_Two15CharIdsDifferingOnlyInCase_StayDifferent() =>
        Assert.NotEqual(SalesforceId.Canonical("005Hs00000AbCdE"), SalesforceId.Canonical("005Hs00000ABCDE"));

    [Theory]
    [InlineData("")]
    [InlineData("005Hs00000AbCd")]
    [InlineData("005Hs00000AbCdEI")]
    [InlineData("005Hs00000AbCd!")]
    [InlineData("005Hs00000AbCdE-AV")]
    public void Canonical_NotAnId_IsNull(string text) => Assert.Null(SalesforceId.Canonical(text));

    [Fact]
    public void Canonical_AnyId_SurvivesUpperAndLowerCasingOfIts18CharForm()
    {
        Gen.String[Gen.Char["0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"], 15, 15].Sample(id15 =>
        {
            var id18 = SalesforceId.Canonical(id15)!;
            Assert.Equal(id18, SalesforceId.Canonical(id18.ToUpperInvariant()));
            Assert.Equal(id18, SalesforceId.Canonical(id18.ToLowerInvariant()));
            Assert.Equal(id15, id18[..15]);
        });
    }
}
