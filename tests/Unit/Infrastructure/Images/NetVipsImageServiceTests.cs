using System.Globalization;
using System.Text;
using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Infrastructure.Images;
using NetVips;

namespace CleanAuth.Tests.Unit.Infrastructure.Images;

public sealed class NetVipsImageServiceTests : IDisposable
{
    private readonly NetVipsImageService _service = new(new CoverLimits());

    public static TheoryData<string, string> Formats => new()
    {
        { "jpeg", "image/jpeg" },
        { "png", "image/png" },
        { "webp", "image/webp" },
        { "gif", "image/gif" },
    };

    public void Dispose() => _service.Dispose();

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Accepts_each_supported_format_and_reports_its_type_and_size(string format, string contentType)
    {
        var result = await Process(Encode(format, 300, 200));

        result.ContentType.Should().Be(contentType);
        result.Width.Should().Be(300);
        result.Height.Should().Be(200);
        result.ThumbnailContentType.Should().Be("image/jpeg");
        using var thumb = Image.NewFromBuffer(result.Thumbnail);
        ((string)thumb.Get("vips-loader")).Should().StartWith("jpegload");
        (thumb.Width, thumb.Height).Should().Be((150, 100));
    }

    [Fact]
    public async Task An_empty_file_is_invalid()
    {
        var act = () => Process([]);

        (await act.Should().ThrowAsync<InvalidImageException>()).Which.Message.Should().Be("The file is empty.");
    }

    [Theory]
    [InlineData("Just some text, not an image.")]
    [InlineData("<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>")]
    [InlineData("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")]
    [InlineData("%PDF-1.7\n")]
    public async Task Text_html_svg_and_other_documents_are_unsupported(string text)
    {
        var act = () => Process(Encoding.UTF8.GetBytes(text));

        await act.Should().ThrowAsync<UnsupportedMediaException>();
    }

    [Fact]
    public async Task A_bmp_header_is_unsupported()
    {
        byte[] bmp = [(byte)'B', (byte)'M', 0x46, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 0x28, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 24, 0];

        var act = () => Process(bmp);

        await act.Should().ThrowAsync<UnsupportedMediaException>();
    }

    [Fact]
    public async Task A_real_tiff_that_libvips_could_decode_is_still_unsupported()
    {
        var act = () => Process(TestImages.Tiff());

        await act.Should().ThrowAsync<UnsupportedMediaException>();
    }

    [Theory]
    [InlineData(600, 300, 150, 75)]
    [InlineData(300, 600, 75, 150)]
    [InlineData(1000, 1000, 150, 150)]
    [InlineData(1200, 800, 150, 100)]
    [InlineData(151, 40, 150, 40)]
    public async Task The_thumbnail_fits_150_by_150_keeping_the_aspect_ratio(int width, int height, int thumbWidth, int thumbHeight)
    {
        var result = await Process(TestImages.Jpeg(width, height));

        using var thumb = Image.NewFromBuffer(result.Thumbnail);
        thumb.Width.Should().BeCloseTo(thumbWidth, 1);
        thumb.Height.Should().BeCloseTo(thumbHeight, 1);
        Math.Max(thumb.Width, thumb.Height).Should().Be(150);
        result.Width.Should().Be(width);
        result.Height.Should().Be(height);
    }

    [Theory]
    [InlineData("png")]
    [InlineData("jpeg")]
    public async Task A_small_image_is_never_enlarged(string format)
    {
        var result = await Process(Encode(format, 100, 50));

        using var thumb = Image.NewFromBuffer(result.Thumbnail);
        (thumb.Width, thumb.Height).Should().Be((100, 50));
        (result.Width, result.Height).Should().Be((100, 50));
    }

    [Fact]
    public async Task The_thumbnail_is_an_srgb_jpeg_without_exif_or_orientation()
    {
        var result = await Process(TestImages.JpegWithOrientation(300, 200, 6));

        using var thumb = Image.NewFromBuffer(result.Thumbnail);
        thumb.Bands.Should().Be(3);
        thumb.Format.Should().Be(Enums.BandFormat.Uchar);
        thumb.Interpretation.Should().Be(Enums.Interpretation.Srgb);
        var fields = thumb.GetFields();
        fields.Should().NotContain(f => f.StartsWith("exif-", StringComparison.Ordinal));
        fields.Should().NotContain(["orientation", "xmp-data", "iptc-data", "icc-profile-data"]);
    }

    [Fact]
    public void The_test_image_really_carries_exif_orientation_6()
    {
        using var source = Image.NewFromBuffer(TestImages.JpegWithOrientation(300, 200, 6));

        source.GetFields().Should().Contain(f => f.StartsWith("exif-", StringComparison.Ordinal));
        ((int)source.Get("orientation")).Should().Be(6);
    }

    [Fact]
    public async Task A_jpeg_with_exif_orientation_6_reports_its_upright_size_and_gets_an_upright_thumbnail()
    {
        // Stored 300×200 with red on top; orientation 6 means "turn 90° clockwise to view", so red ends up on the right.
        var result = await Process(TestImages.JpegWithOrientation(300, 200, 6));

        (result.Width, result.Height).Should().Be((200, 300));
        using var thumb = Image.NewFromBuffer(result.Thumbnail);
        (thumb.Width, thumb.Height).Should().Be((100, 150));
        var left = thumb.Getpoint(10, 75);
        var right = thumb.Getpoint(90, 75);
        left[2].Should().BeGreaterThan(left[0], "the blue bottom half turns to the left");
        right[0].Should().BeGreaterThan(right[2], "the red top half turns to the right");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Orientations_that_do_not_turn_by_90_degrees_keep_width_and_height(int orientation)
    {
        var result = await Process(TestImages.JpegWithOrientation(300, 200, orientation));

        (result.Width, result.Height).Should().Be((300, 200));
        using var thumb = Image.NewFromBuffer(result.Thumbnail);
        (thumb.Width, thumb.Height).Should().Be((150, 100));
    }

    [Fact]
    public async Task A_png_with_alpha_is_flattened_to_three_bands()
    {
        var result = await Process(TestImages.PngWithAlpha());

        result.ContentType.Should().Be("image/png");
        using var thumb = Image.NewFromBuffer(result.Thumbnail);
        thumb.Bands.Should().Be(3);
        thumb.HasAlpha().Should().BeFalse();
        var pixel = thumb.Getpoint(thumb.Width / 2, thumb.Height / 2);
        pixel[0].Should().BeGreaterThan(200, "half-transparent red on white is light red");
        pixel[1].Should().BeInRange(90, 170);
    }

    [Fact]
    public async Task A_16_bit_png_comes_out_as_8_bit_srgb()
    {
        var result = await Process(TestImages.Png16Bit());

        using var thumb = Image.NewFromBuffer(result.Thumbnail);
        thumb.Bands.Should().Be(3);
        thumb.Format.Should().Be(Enums.BandFormat.Uchar);
        thumb.Interpretation.Should().Be(Enums.Interpretation.Srgb);
        var pixel = thumb.Getpoint(thumb.Width / 2, thumb.Height / 2);
        pixel[0].Should().BeInRange(180, 210, "50000 of 65535 is about 194 of 255");
    }

    [Theory]
    [InlineData("png")]
    [InlineData("jpeg")]
    public async Task A_greyscale_image_comes_out_as_three_band_srgb(string format)
    {
        using var grey = TestImages.Grey();
        var bytes = format == "png" ? grey.PngsaveBuffer() : grey.JpegsaveBuffer();
        using (var check = Image.NewFromBuffer(bytes))
        {
            check.Bands.Should().Be(1, "the test must start from a one-band image");
        }

        var result = await Process(bytes);

        using var thumb = Image.NewFromBuffer(result.Thumbnail);
        thumb.Bands.Should().Be(3);
        thumb.Interpretation.Should().Be(Enums.Interpretation.Srgb);
    }

    [Fact]
    public async Task An_image_with_more_pixels_than_allowed_is_invalid_naming_its_size_and_the_limit()
    {
        var limits = new CoverLimits { MaxPixels = 10_000 };
        using var service = new NetVipsImageService(limits);

        var act = () => service.ProcessAsync(TestImages.Png(200, 200), default);

        (await act.Should().ThrowAsync<InvalidImageException>()).Which.Message.Should()
            .Contain("200×200").And.Contain(limits.MaxPixels.ToString("N0", CultureInfo.CurrentCulture));
    }

    [Fact]
    public async Task An_image_of_exactly_the_pixel_limit_is_accepted()
    {
        using var service = new NetVipsImageService(new CoverLimits { MaxPixels = 10_000 });

        var result = await service.ProcessAsync(TestImages.Png(100, 100), default);

        (result.Width, result.Height).Should().Be((100, 100));
    }

    [Fact]
    public async Task A_header_claiming_a_huge_picture_is_refused_from_the_header_alone()
    {
        var act = () => Process(TestImages.JpegClaiming(60_000, 60_000));

        (await act.Should().ThrowAsync<InvalidImageException>()).Which.Message.Should().Contain("60000×60000");
    }

    [Theory]
    [InlineData("jpeg")]
    [InlineData("png")]
    public async Task A_truncated_image_is_invalid(string format)
    {
        var act = () => Process(TestImages.Truncated(Encode(format, 300, 200)));

        (await act.Should().ThrowAsync<InvalidImageException>()).Which.Message.Should().Be("The image is truncated or corrupt.");
    }

    // libwebp checks the RIFF length against the file before any pixel, so a cut WebP is refused as unreadable.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_truncated_webp_is_invalid(bool onlyTheLastBytes)
    {
        var webp = Encode("webp", 300, 200);

        var act = () => Process(onlyTheLastBytes ? webp[..^40] : TestImages.Truncated(webp));

        await act.Should().ThrowAsync<InvalidImageException>();
    }

    // The attack pass's file: libjpeg reports the missing scan as a warning, which FailOn.Error let through (201).
    [Fact]
    public async Task A_287_byte_jpeg_whose_header_says_6000_by_6000_is_truncated()
    {
        var jpeg = TestImages.TruncatedJpegClaiming(6000, 6000);
        jpeg.Length.Should().Be(287);
        using (var header = Image.NewFromBuffer(jpeg, access: Enums.Access.Sequential))
        {
            (header.Width, header.Height).Should().Be((6000, 6000), "the header must be readable, so the refusal is for the missing pixels");
        }

        var act = () => Process(jpeg);

        (await act.Should().ThrowAsync<InvalidImageException>()).Which.Message.Should().Be("The image is truncated or corrupt.");
    }

    // Cut inside the pixel data rather than in half: the header and the first rows are intact.
    [Theory]
    [InlineData("jpeg")]
    [InlineData("png")]
    public async Task An_image_missing_only_its_last_bytes_is_invalid(string format)
    {
        var whole = Encode(format, 300, 200);

        var act = () => Process(whole[..(whole.Length - 40)]);

        (await act.Should().ThrowAsync<InvalidImageException>()).Which.Message.Should().Be("The image is truncated or corrupt.");
    }

    [Theory]
    [InlineData("jpeg")]
    [InlineData("png")]
    [InlineData("webp")]
    [InlineData("gif")]
    public async Task Only_the_magic_bytes_followed_by_garbage_is_invalid(string format)
    {
        var magic = Encode(format, 16, 16)[..12];
        byte[] content = [.. magic, .. Enumerable.Range(0, 500).Select(i => (byte)(i * 7))];

        var act = () => Process(content);

        await act.Should().ThrowAsync<InvalidImageException>();
    }

    [Fact]
    public async Task With_one_thumbnail_slot_eight_parallel_calls_all_complete()
    {
        using var service = new NetVipsImageService(new CoverLimits { MaxConcurrentThumbnails = 1 });
        var jpeg = TestImages.Jpeg(400, 300);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => service.ProcessAsync(jpeg, default)))
            .WaitAsync(TimeSpan.FromSeconds(20));

        results.Should().HaveCount(8).And.OnlyContain(r => r.Width == 400 && r.Height == 300 && r.Thumbnail.Length > 0);
    }

    [Fact]
    public async Task A_call_cancelled_while_waiting_for_a_slot_is_cancelled()
    {
        using var service = new NetVipsImageService(new CoverLimits { MaxConcurrentThumbnails = 1 });
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var act = () => service.ProcessAsync(TestImages.Jpeg(), cancelled.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    // Same pixel count, different bytes: 2000×1000 is 2 MB as 8-bit grey and 16 MB as 16-bit RGBA, and a 4000×4000
    // JPEG is decoded at 1/8 (0.75 MB) while the same PNG is decoded whole (48 MB). 8 MiB of the budget is free.
    [Theory]
    [InlineData("grey 8-bit PNG 2000x1000", false)]
    [InlineData("RGBA 16-bit PNG 2000x1000", true)]
    [InlineData("RGB JPEG 4000x4000", false)]
    [InlineData("RGB PNG 4000x4000", true)]
    public async Task The_decode_budget_is_reserved_by_decoded_bytes_read_from_the_header(string image, bool busy)
    {
        var limits = new CoverLimits { DecodeBudgetMegabytes = 20, DecodeQueueTimeout = TimeSpan.FromMilliseconds(50) };
        using var budget = new DecodeBudget(limits);
        using var service = new NetVipsImageService(limits, budget: budget);
        using var held = await budget.ReserveAsync(12 * 1024 * 1024, default);
        var content = image switch
        {
            "grey 8-bit PNG 2000x1000" => Flat(2000, 1000, 1, Enums.BandFormat.Uchar, Enums.Interpretation.Bw).PngsaveBuffer(),
            "RGBA 16-bit PNG 2000x1000" => Flat(2000, 1000, 4, Enums.BandFormat.Ushort, Enums.Interpretation.Rgb16).PngsaveBuffer(bitdepth: 16),
            "RGB JPEG 4000x4000" => Flat(4000, 4000, 3, Enums.BandFormat.Uchar, Enums.Interpretation.Srgb).JpegsaveBuffer(),
            _ => Flat(4000, 4000, 3, Enums.BandFormat.Uchar, Enums.Interpretation.Srgb).PngsaveBuffer(),
        };

        var act = () => service.ProcessAsync(content, default);

        if (busy)
        {
            await act.Should().ThrowAsync<ServiceBusyException>();
        }
        else
        {
            await act.Should().NotThrowAsync();
        }
    }

    private static Image Flat(int width, int height, int bands, Enums.BandFormat format, Enums.Interpretation interpretation)
    {
        using var black = Image.Black(width, height, bands: bands) + Enumerable.Repeat(100.0, bands).ToArray();
        using var cast = black.Cast(format);
        return cast.Copy(interpretation: interpretation);
    }

    private Task<ProcessedImage> Process(byte[] content) => _service.ProcessAsync(content, default);

    private static byte[] Encode(string format, int width, int height) => format switch
    {
        "jpeg" => TestImages.Jpeg(width, height),
        "png" => TestImages.Png(width, height),
        "webp" => TestImages.WebP(width, height),
        "gif" => TestImages.Gif(width, height),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
