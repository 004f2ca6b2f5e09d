using DelegationWidgets.Connectors.Graph.Http;

namespace DelegationWidgets.Connectors.Graph.Tests.Http;

public sealed class ODataQueryTests
{
    [Theory]
    [InlineData("plain", "'plain'")]
    [InlineData("O'Brien", "'O''Brien'")]
    [InlineData("''", "''''''")]
    public void Literal_SingleQuotes_AreDoubled(string value, string expected)
    {
        Assert.Equal(expected, ODataQuery.Literal(value));
    }

    [Fact]
    public void Add_ValuesWithSeparators_ArePercentEncodedInOrder()
    {
        var query = new ODataQuery().Add("$filter", "startswith(displayName,'a&b=c#d e/f')").Add("$top", 5).Add("$orderby", null);

        Assert.Equal("?%24filter=startswith%28displayName%2C%27a%26b%3Dc%23d%20e%2Ff%27%29&%24top=5", query.ToString());
    }

    [Fact]
    public void Segment_SlashHashAndQuestionMark_StayInsideOneSegment()
    {
        Assert.Equal("jo_contoso.com%23EXT%23%40tenant.onmicrosoft.com", ODataQuery.Segment("jo_contoso.com#EXT#@tenant.onmicrosoft.com"));
        Assert.Equal("a%2Fb%3Fc", ODataQuery.Segment("a/b?c"));
    }
}
