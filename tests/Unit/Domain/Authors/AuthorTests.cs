using CleanAuth.Domain.Authors;
using CleanAuth.Domain.Users;

namespace CleanAuth.Tests.Unit.Domain.Authors;

public class AuthorTests
{
    private static readonly AuthorId Id = AuthorId.From("000000000000000000000a01");
    private static readonly UserId Owner = UserId.From("000000000000000000000abc");
    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 3, 14, 9, 26, 53, 123, TimeSpan.Zero).AddTicks(4567);

    [Fact]
    public void A_new_author_keeps_the_name_s_form_a_normalized_country_and_the_time_it_was_given()
    {
        var author = Author.Create(Id, Owner, PersonName.Create("  Zoe\u0308 Smith "), " Unite\u0301d Kingdom ", bookerPrize: true, Now);

        author.Id.Should().Be(Id);
        author.OwnerId.Should().Be(Owner);
        author.Name.Should().Be("Zoë Smith");
        author.Country.Should().Be("Unitéd Kingdom");
        author.BookerPrize.Should().BeTrue();
        author.CreatedAt.Ticks.Should().Be(Now.Ticks);
    }

    [Fact]
    public void No_country_is_kept_as_empty() =>
        Author.Create(Id, Owner, PersonName.Create("Zadie Smith"), null, bookerPrize: false, Now).Country.Should().BeEmpty();
}
