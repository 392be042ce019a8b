using CleanAuth.Application.Books.Common;
using CleanAuth.Tests.Unit.Fakes;

namespace CleanAuth.Tests.Unit.Application.Books;

public sealed class CoverUploaderTests
{
    private readonly BookHandlerFixture _fixture = new();
    private readonly CapturingLogger<CoverUploader> _log = new();

    [Fact]
    public async Task A_file_that_cannot_be_cleaned_up_is_logged_as_orphaned_and_the_real_error_is_the_one_thrown()
    {
        var failure = new IOException("disk full");
        _fixture.Covers.FailSave(2, failure);
        _fixture.Covers.BeforeDelete = _ => throw new IOException("store unreachable");
        var uploader = new CoverUploader(_fixture.Images, _fixture.Covers, _fixture.Limits, _log);

        var act = () => uploader.StoreAsync(FakeUpload.Png(), default);

        (await act.Should().ThrowAsync<IOException>()).Which.Should().BeSameAs(failure);
        var orphaned = _log.Entries.Should().ContainSingle(e => e.EventId.Name == "CoverFileOrphaned").Subject;
        orphaned["FileId"].Should().Be(_fixture.Covers.LiveFileIds.Single());
    }

    [Fact]
    public void By_default_one_thumbnail_per_core_is_made_at_once() =>
        new CoverLimits().MaxConcurrentThumbnails.Should().Be(Environment.ProcessorCount);
}
