using Platform.Host.Access;

namespace Platform.Host.Tests.Security;

public sealed class ApiKeyTokenTests
{
    [Fact]
    public void Create_NewKey_CarriesItsIdAndMatchesOnlyItsOwnHash()
    {
        var (id, text) = ApiKeyToken.Create();
        var (otherId, other) = ApiKeyToken.Create();

        id.ShouldMatch("^[0-9a-f]{12}$");
        text.ShouldMatch($"^plk_{id}_[A-Za-z0-9_-]{{43}}$");
        otherId.ShouldNotBe(id);
        ApiKeyToken.IdOf(text).ShouldBe(id);
        ApiKeyToken.SameHash(ApiKeyToken.Hash(text), ApiKeyToken.Hash(text)).ShouldBeTrue();
        ApiKeyToken.SameHash(ApiKeyToken.Hash(other), ApiKeyToken.Hash(text)).ShouldBeFalse();
        ApiKeyToken.SameHash(ApiKeyToken.Hash(text[..^1]), ApiKeyToken.Hash(text)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("plk_")]
    [InlineData("plk_0123456789ab")]
    [InlineData("plk_0123456789ab_")]
    [InlineData("plk_0123456789a_secret")]
    [InlineData("xyz_0123456789ab_secret")]
    [InlineData("test-admin-0123456789abcdef0123456789abcdef")]
    public void IdOf_TextNotShapedLikeAKey_Null(string text) => ApiKeyToken.IdOf(text).ShouldBeNull();
}
