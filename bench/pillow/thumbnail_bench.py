"""The Flask tutorials' thumbnail code (Pillow `thumbnail((150, 150))` then save), timed on the same
images as the BenchmarkDotNet run, for a like-for-like comparison on this machine.
Usage: python3 bench/pillow/thumbnail_bench.py IMAGE_DIR [REPEATS]   (Debian: apt-get install python3-pil)"""
import io
import statistics
import sys
import time

from PIL import Image


def thumbnail(data: bytes) -> bytes:
    image = Image.open(io.BytesIO(data))
    image.thumbnail((150, 150))
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=80)
    return out.getvalue()


def main() -> None:
    folder, repeats = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 30
    for name in ("cover-1200x1800.jpg", "cover-4000x6000.jpg", "cover-1200x1800.png"):
        data = open(f"{folder}/{name}", "rb").read()
        for _ in range(3):
            thumbnail(data)
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            thumbnail(data)
            times.append((time.perf_counter() - start) * 1000)
        print(f"{name}: median {statistics.median(times):.1f} ms over {repeats} runs (Pillow {Image.__version__})")


main()
