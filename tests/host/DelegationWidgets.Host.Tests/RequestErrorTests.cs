using System.Net;
using DelegationWidgets.Testing;

namespace DelegationWidgets.Host.Tests;

/// <summary>Requests the framework cannot read get a clear problem response, never a 500.</summary>
[Collection(HostGroup.Name)]
public sealed class RequestErrorTests(HostFixture fixture)
{
    [Fact]
    public async Task Submit_MalformedJson_Returns400Problem()
    {
        var response = await (await fixture.As("agent")).PostRawAsync("api/v1/forms/unlock-account/submissions", "{\"data\": {\"user\": ");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("DW1006", response.ErrorId);
    }

    [Fact]
    public async Task Submit_DataNotAnObject_Returns400OnData()
    {
        var response = await (await fixture.As("agent")).PostRawAsync("api/v1/forms/unlock-account/submissions", "{\"data\": [1,2]}");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.NotEmpty(response.FieldErrors("/data"));
    }

    [Fact]
    public async Task Submit_WrongContentType_Returns415Problem()
    {
        var response = await (await fixture.As("agent")).PostRawAsync("api/v1/forms/unlock-account/submissions", "user=x", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Status);
        Assert.Equal("application/problem+json", response.Message.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Submit_BodyTooLarge_Returns413Problem()
    {
        // A raw connection: the host answers 413 and closes while a client would still be sending the body, so an
        // HttpClient may only see the broken pipe. Here the answer is read whatever happened to the rest of the body.
        var token = await fixture.Host.TokenAsync("agent");
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(fixture.Host.BaseAddress.Host, fixture.Host.BaseAddress.Port);
        var stream = tcp.GetStream();
        const int size = 2 * 1024 * 1024;
        var head = $"POST /api/v1/forms/unlock-account/submissions HTTP/1.1\r\nHost: {fixture.Host.BaseAddress.Authority}\r\n" +
            $"Authorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: {size}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head));
        try
        {
            await stream.WriteAsync(new byte[size]);
        }
        catch (IOException)
        {
            // The host stopped reading: expected.
        }

        using var reader = new StreamReader(stream);
        var answer = await reader.ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 413", answer, StringComparison.Ordinal);
        Assert.Contains("application/problem+json", answer, StringComparison.Ordinal);
        Assert.Contains("DW1006", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_BadIdempotencyKeyAndTicket_Return400OnThoseFields()
    {
        var agent = await fixture.As("agent");

        var response = await agent.SubmitAsync("unlock-account", new { data = new { user = "x" }, ticket = "INC 1; DROP" }, new string('k', 200));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.NotEmpty(response.FieldErrors("/ticket"));
        Assert.NotEmpty(response.FieldErrors("/headers/Idempotency-Key"));
    }

    [Fact]
    public async Task UnknownRoute_Returns404ProblemNamingThePath()
    {
        var response = await (await fixture.As("agent")).GetJsonAsync("api/v1/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("DW1017", response.ErrorId);
        Assert.Contains("/api/v1/nothing-here", response.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongMethod_Returns405Problem()
    {
        var response = await (await fixture.As("agent")).PostRawAsync("api/v1/forms", "{}");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Equal("DW1018", response.ErrorId);
    }

    [Fact]
    public async Task QueryValueOfWrongType_Returns400OnThatParameter()
    {
        var response = await (await fixture.As("admin")).GetJsonAsync("api/v1/audit?from=notadate");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("DW1014", response.ErrorId);
        Assert.Contains("date", response.FieldErrors("/from")[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_EmptyBody_SaysToSendJson()
    {
        var response = await (await fixture.As("agent")).PostRawAsync("api/v1/forms/unlock-account/submissions", "");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("JSON body", response.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Responses_CarrySecurityHeaders()
    {
        var response = await (await fixture.As("agent")).GetJsonAsync("api/v1/forms");

        Assert.Equal("nosniff", response.Message.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("no-store", response.Message.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }
}
