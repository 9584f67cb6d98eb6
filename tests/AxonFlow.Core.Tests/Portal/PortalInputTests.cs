using AxonFlow.Core.Portal;
using AxonFlow.Core.Scim;

namespace AxonFlow.Core.Tests.Portal;

public sealed class PortalInputTests
{
    [Theory]
    [InlineData("ada@example.test", true)]
    [InlineData("  Ada.Lovelace+portal@Example.Test  ", true)]
    [InlineData("", false)]
    [InlineData("no-at-sign", false)]
    [InlineData("@example.test", false)]
    [InlineData("ada@", false)]
    [InlineData("a@b@example.test", false)]
    [InlineData("ada lovelace@example.test", false)]
    public void LoginEmail_AcceptsOnlyAddressShapedValues(string value, bool valid)
    {
        Assert.Equal(valid, LoginEmail.TryCreate(value, out _, out _));
    }

    [Fact]
    public void LoginEmail_KeepsItsCase_AndComparesByALowercaseKey()
    {
        Assert.True(LoginEmail.TryCreate(" Ada@Example.TEST ", out var email, out _));

        Assert.Equal("Ada@Example.TEST", email.Value.Value);
        Assert.Equal("ada@example.test", email.Value.Key);
    }

    [Theory]
    [InlineData("userName eq \"ada@example.test\"", ScimFilterField.UserName, "ada@example.test")]
    [InlineData("USERNAME EQ \"ada@example.test\"", ScimFilterField.UserName, "ada@example.test")]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"a\"", ScimFilterField.UserName, "a")]
    [InlineData("externalId eq \"00u1\\\"x\"", ScimFilterField.ExternalId, "00u1\"x")]
    [InlineData("emails.value eq \"a@b.c\"", ScimFilterField.Email, "a@b.c")]
    [InlineData("active eq false", ScimFilterField.Active, "false")]
    [InlineData("id eq \"5f0c\"", ScimFilterField.Id, "5f0c")]
    public void ScimFilter_ParsesTheEqualityFiltersIdentityProvidersSend(string text, ScimFilterField field, string value)
    {
        Assert.True(ScimFilter.TryParse(text, out var filter, out var problem), problem);

        Assert.Equal(field, filter.Field);
        Assert.Equal(value, filter.Value);
    }

    [Theory]
    [InlineData("userName")]
    [InlineData("userName sw \"a\"")]
    [InlineData("userName eq a")]
    [InlineData("userName eq \"a\" or userName eq \"b\"")]
    [InlineData("title eq \"x\"")]
    [InlineData("active eq maybe")]
    [InlineData("userName eq \"unterminated")]
    public void ScimFilter_RefusesWhatItDoesNotSupport(string text)
    {
        Assert.False(ScimFilter.TryParse(text, out _, out var problem));
        Assert.False(string.IsNullOrEmpty(problem));
    }

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("eleven char", "must be at least 12 characters")]
    [InlineData("twelve chars", null)]
    public void PasswordRules_AreAboutLength(string? password, string? problem)
    {
        Assert.Equal(problem, PasswordRules.Problem(password));
    }
}
