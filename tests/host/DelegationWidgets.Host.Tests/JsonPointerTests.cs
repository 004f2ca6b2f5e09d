using System.Text.Json;
using System.Text.Json.Nodes;
using DelegationWidgets.Host.Changes;

namespace DelegationWidgets.Host.Tests;

public sealed class JsonPointerTests
{
    [Fact]
    public void Remove_NestedMember_RemovesOnlyIt()
    {
        var data = JsonNode.Parse("""{"user":"a","account":{"pin":"1234","keep":true},"a/b":{"c~d":1}}""")!.AsObject();

        JsonPointer.Remove(data, "/account/pin");
        JsonPointer.Remove(data, "/a~1b/c~0d");
        JsonPointer.Remove(data, "/missing/deeper");

        Assert.Equal("""{"user":"a","account":{"keep":true},"a/b":{}}""", data.ToJsonString());
    }

    [Fact]
    public void Find_NestedMember_ReturnsItOrNull()
    {
        var data = JsonDocument.Parse("""{"account":{"pin":"1234"},"list":[1]}""").RootElement;

        Assert.Equal("1234", JsonPointer.Find(data, "/account/pin")?.GetString());
        Assert.Null(JsonPointer.Find(data, "/account/other"));
        Assert.Null(JsonPointer.Find(data, "/list/0"));
    }
}
