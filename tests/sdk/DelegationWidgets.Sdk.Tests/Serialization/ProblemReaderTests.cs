using System.Net;
using System.Text;
using DelegationWidgets.Sdk.Serialization;

namespace DelegationWidgets.Sdk.Tests.Serialization;

public sealed class ProblemReaderTests
{
    [Fact]
    public async Task ReadAsync_ProblemWithChange_CarriesEveryMember()
    {
        const string body = """
            {"type":"urn:delegationwidgets:error:DW1011","title":"The target system refused the change.","status":422,"detail":"Not allowed.",
             "errorId":"DW1011","errors":{"/data/user":["Not allowed."]},"changeId":"c-1","status2":"failed","traceId":"00-abc-01",
             "change":{"id":"c-1","formId":"disable-account","formVersion":1,"status":"failed","target":"u","actor":{"subject":"s","name":"n","issuer":"i","roles":["r"]},
               "reason":"why","ticket":"INC1","createdAt":"2026-01-01T00:00:00+00:00","completedAt":null,"outcome":"failure","changes":[],
               "error":{"code":"NotAllowed","message":"Not allowed.","field":"/data/user"},"secret":null}}
            """;
        using var response = new HttpResponseMessage(HttpStatusCode.UnprocessableEntity) { Content = new StringContent(body, Encoding.UTF8, "application/problem+json") };

        var e = await ProblemReader.ReadAsync(response, CancellationToken.None);

        Assert.Equal(422, e.Status);
        Assert.Equal("DW1011", e.ErrorId);
        Assert.Equal("urn:delegationwidgets:error:DW1011", e.Type);
        Assert.Equal("The target system refused the change.", e.Title);
        Assert.Equal("Not allowed.", e.Detail);
        Assert.Equal(["Not allowed."], e.Errors["/data/user"]);
        Assert.Equal("c-1", e.ChangeId);
        Assert.Equal("NotAllowed", e.Change!.Error!.Code);
        Assert.Equal("00-abc-01", e.TraceId);
        Assert.Equal("422 DW1011: The target system refused the change. Not allowed. /data/user: Not allowed.", e.Message);
    }

    [Fact]
    public async Task ReadAsync_HtmlBody_KeepsStatusReasonAndTheStartOfTheBody()
    {
        var html = "<html>" + new string('x', 5000) + "</html>";
        using var response = new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent(html, Encoding.UTF8, "text/html"), ReasonPhrase = "Bad Gateway" };

        var e = await ProblemReader.ReadAsync(response, CancellationToken.None);

        Assert.Equal(502, e.Status);
        Assert.Null(e.ErrorId);
        Assert.Equal("Bad Gateway", e.Title);
        Assert.StartsWith("<html>xxx", e.Detail, StringComparison.Ordinal);
        Assert.True(e.Detail!.Length <= ProblemReader.MaxDetailLength + 1);
        Assert.Empty(e.Errors);
    }

    [Fact]
    public async Task ReadAsync_EmptyBody_HasNoDetail()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent("") };

        var e = await ProblemReader.ReadAsync(response, CancellationToken.None);

        Assert.Equal(403, e.Status);
        Assert.Null(e.Detail);
    }
}
