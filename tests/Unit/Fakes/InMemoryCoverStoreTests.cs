namespace CleanAuth.Tests.Unit.Fakes;

public sealed class InMemoryCoverStoreTests
{
    private readonly InMemoryCoverStore _store = new();

    [Fact]
    public async Task Saved_files_are_live_and_can_be_read_back_until_deleted()
    {
        var id = await _store.SaveAsync(new byte[] { 1, 2, 3 }, "image/png", default);

        _store.LiveFileIds.Should().BeEquivalentTo([id]);
        await using (var content = await _store.OpenAsync(id, default))
        {
            content!.Length.Should().Be(3);
        }

        await _store.DeleteAsync(id, default);
        await _store.DeleteAsync(id, default);

        _store.LiveFileIds.Should().BeEmpty();
        (await _store.OpenAsync(id, default)).Should().BeNull();
    }

    [Fact]
    public async Task FailSave_fails_only_the_nth_save_from_now()
    {
        await _store.SaveAsync(new byte[] { 0 }, "image/png", default);
        _store.FailSave(2);

        var first = await _store.SaveAsync(new byte[] { 1 }, "image/png", default);
        var second = () => _store.SaveAsync(new byte[] { 2 }, "image/png", default);
        await second.Should().ThrowAsync<IOException>();
        var third = await _store.SaveAsync(new byte[] { 3 }, "image/png", default);

        _store.LiveFileIds.Should().HaveCount(3).And.Contain([first, third]);
        _store.SaveCalls.Should().Be(4);
    }
}
