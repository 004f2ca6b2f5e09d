namespace DelegationWidgets.FormProfile.Tests;

public sealed class SecretPointersTests
{
    [Fact]
    public void SecretPointers_WriteOnlyAndPasswordFields_AreListed()
    {
        var schema = FormSchema.Load("""
            {"$defs":{"secret":{"type":"string","writeOnly":true}},
             "properties":{
               "user":{"type":"string"},
               "password":{"type":"string","format":"password"},
               "apiKey":{"$ref":"#/$defs/secret"},
               "account":{"type":"object","properties":{"initialPassword":{"type":"string","writeOnly":true},"name":{"type":"string"}}}
             },
             "if":{"required":["user"]},
             "then":{"properties":{"pin":{"type":"string","format":"password"}}}}
            """);

        Assert.Equal(["/account/initialPassword", "/apiKey", "/password", "/pin"], schema.SecretPointers.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void SecretPointers_PasswordFormat_IsNotAsserted()
    {
        var schema = FormSchema.Load("""{"properties":{"password":{"type":"string","format":"password"}}}""");

        Assert.Empty(schema.Validate("""{"password":"anything at all"}"""));
    }

    [Fact]
    public void SecretPointers_NoSecrets_IsEmpty()
    {
        Assert.Empty(FormSchema.Load(Forms.MailboxPermission).SecretPointers);
        Assert.Equal(["/initialPassword"], FormSchema.Load(Forms.TenFields).SecretPointers);
    }
}
