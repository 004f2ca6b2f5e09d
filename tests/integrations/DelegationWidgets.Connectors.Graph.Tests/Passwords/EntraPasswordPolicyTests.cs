using DelegationWidgets.Connectors.Graph.Passwords;

namespace DelegationWidgets.Connectors.Graph.Tests.Passwords;

public sealed class EntraPasswordPolicyTests
{
    [Fact]
    public void Generate_ManyTimes_MeetsEntraRulesWithAllFourCategories()
    {
        for (var i = 0; i < 200; i++)
        {
            var password = EntraPasswordPolicy.Generate();

            Assert.Null(EntraPasswordPolicy.Check(password));
            Assert.Equal(16, password.Length);
            Assert.Contains(password, char.IsAsciiLetterUpper);
            Assert.Contains(password, char.IsAsciiLetterLower);
            Assert.Contains(password, char.IsAsciiDigit);
            Assert.Contains(password, c => !char.IsAsciiLetterOrDigit(c));
        }
    }

    [Theory]
    [InlineData("Sh0rt!")]
    [InlineData("alllowercaseletters")]
    [InlineData("lowercase-and-symbols")]
    [InlineData("Ünïcödé-Passw0rd")]
    public void Check_BelowEntraRules_ExplainsWhy(string password)
    {
        Assert.NotNull(EntraPasswordPolicy.Check(password));
    }

    [Theory]
    [InlineData("Correct-Horse-Battery-9")]
    [InlineData("lowercase and 42 digits")]
    public void Check_WithinEntraRules_Accepts(string password)
    {
        Assert.Null(EntraPasswordPolicy.Check(password));
    }
}
