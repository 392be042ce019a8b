using System.Text;
using CleanAuth.Infrastructure.Images;

namespace CleanAuth.Tests.Unit.Infrastructure.Images;

public sealed class ImageFormatTests
{
    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF }, "image/jpeg")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46 }, "image/jpeg")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, "image/png")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D }, "image/png")]
    public void Detects_jpeg_and_png_by_their_signatures(byte[] content, string contentType)
    {
        ImageFormat.Detect(content)!.ContentType.Should().Be(contentType);
    }

    [Theory]
    [InlineData("GIF87a")]
    [InlineData("GIF89a\u0001\u0000")]
    public void Detects_both_gif_versions(string start)
    {
        ImageFormat.Detect(Encoding.Latin1.GetBytes(start)).Should().BeSameAs(ImageFormat.Gif);
    }

    [Fact]
    public void Detects_webp_by_its_riff_container_and_webp_form_type()
    {
        ImageFormat.Detect("RIFF\u0024\u0000\u0000\u0000WEBPVP8 "u8).Should().BeSameAs(ImageFormat.WebP);
        ImageFormat.Detect("RIFF\u0000\u0000\u0000\u0000WEBP"u8).Should().BeSameAs(ImageFormat.WebP);
    }

    [Fact]
    public void Each_format_names_the_libvips_loader_it_must_be_read_with()
    {
        ImageFormat.Jpeg.Should().Be(new ImageFormat("image/jpeg", "jpegload"));
        ImageFormat.Png.Should().Be(new ImageFormat("image/png", "pngload"));
        ImageFormat.Gif.Should().Be(new ImageFormat("image/gif", "gifload"));
        ImageFormat.WebP.Should().Be(new ImageFormat("image/webp", "webpload"));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0xFF, 0xD8 })]
    [InlineData(new byte[] { 0xFF, 0xD9, 0xFF })]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A })]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0B })]
    [InlineData(new byte[] { 0x49, 0x49, 0x2A, 0x00 })]
    [InlineData(new byte[] { 0x4D, 0x4D, 0x00, 0x2A })]
    [InlineData(new byte[] { 0x42, 0x4D, 0x46, 0x00, 0x00, 0x00 })]
    [InlineData(new byte[] { 0x00, 0x00, 0x01, 0x00 })]
    public void Other_binary_signatures_are_not_accepted(byte[] content)
    {
        ImageFormat.Detect(content).Should().BeNull();
    }

    [Theory]
    [InlineData("GIF88a")]
    [InlineData("gif89a")]
    [InlineData("RIFF\u0000\u0000\u0000\u0000WAVE")]
    [InlineData("RIFF\u0000\u0000\u0000\u0000WEB")]
    [InlineData("RIFFWEBP")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"/>")]
    [InlineData("<?xml version=\"1.0\"?>")]
    [InlineData("<!DOCTYPE html>")]
    [InlineData("%PDF-1.7")]
    [InlineData("hello")]
    [InlineData(" \u00FF\u00D8\u00FF")]
    public void Text_and_near_misses_are_not_accepted(string start)
    {
        ImageFormat.Detect(Encoding.Latin1.GetBytes(start)).Should().BeNull();
    }
}
