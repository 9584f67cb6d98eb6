using AxonFlow.Core.Policies.Validators;

namespace AxonFlow.Core.Tests.Policies;

public sealed class ValidatorTests
{
    [Theory]
    [InlineData("4111111111111111", true)]
    [InlineData("4111-1111-1111-1111", true)]
    [InlineData("378282246310005", true)]
    [InlineData("3530111333300000", true)]
    [InlineData("4111111111111112", false)]
    [InlineData("1234567812345670", false)]
    [InlineData("411111111111", false)]
    public void PaymentCard_IsValid_ChecksPrefixLengthAndLuhn(string number, bool expected) =>
        Assert.Equal(expected, PaymentCard.IsValid(number));

    [Theory]
    [InlineData("123-45-6789", true)]
    [InlineData("000-45-6789", false)]
    [InlineData("666-45-6789", false)]
    [InlineData("912-45-6789", false)]
    [InlineData("123-00-6789", false)]
    [InlineData("123-45-0000", false)]
    public void SocialSecurityNumber_IsValid_AppliesIssuanceRules(string ssn, bool expected) =>
        Assert.Equal(expected, SocialSecurityNumber.IsValid(ssn));

    [Theory]
    [InlineData("GB82 WEST 1234 5698 7654 32", true)]
    [InlineData("DE89370400440532013000", true)]
    [InlineData("GB82 WEST 1234 5698 7654 33", false)]
    [InlineData("GB82 WEST 1234", false)]
    public void Iban_IsValid_ChecksMod97(string iban, bool expected) => Assert.Equal(expected, Iban.IsValid(iban));

    [Fact]
    public void Iban_ValidLength_DropsTrailingWord() =>
        Assert.Equal("DE89 3704 0044 0532 0130 00".Length, Iban.ValidLength("DE89 3704 0044 0532 0130 00 THEN"));

    [Theory]
    [InlineData("234567890124", true)]
    [InlineData("499187654323", true)]
    [InlineData("234567890125", false)]
    [InlineData("499187654324", false)]
    public void Aadhaar_IsValid_ChecksVerhoeff(string number, bool expected) => Assert.Equal(expected, Aadhaar.IsValid(number));

    [Theory]
    [InlineData(new byte[] { 0, 1, 1, 0, 0, 0, 0, 1, 5 }, true)]
    [InlineData(new byte[] { 0, 2, 1, 0, 0, 0, 0, 2, 1 }, true)]
    [InlineData(new byte[] { 0, 1, 1, 0, 0, 0, 0, 1, 6 }, false)]
    [InlineData(new byte[] { 9, 9, 1, 0, 0, 0, 0, 1, 5 }, false)]
    public void UsBankAccount_IsRoutingNumber_ChecksAbaChecksum(byte[] digits, bool expected) =>
        Assert.Equal(expected, UsBankAccount.IsRoutingNumber(digits));
}
