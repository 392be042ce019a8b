"""The Flask tutorials' thumbnail code (Pillow `thumbnail((150, 150))` then save), timed on the same
images as the .NET run, for a like-for-like comparison on this machine.
Usage: python3 bench/pillow/thumbnail_bench.py IMAGE_DIR [REPEATS]   (Debian: apt-get install python3-pil)
Prints one line per image: name, median wall ms, CPU ms per image (the process's, all threads), 0 (managed
allocation, .NET only), then the peak resident set in MiB."""
import io
import resource
import statistics
import sys
import time

from PIL import Image

NAMES = ("cover-1200x1800.jpg", "cover-4000x6000.jpg", "cover-1200x1800.png")


def thumbnail(data: bytes) -> bytes:
    image = Image.open(io.BytesIO(data))
    image.thumbnail((150, 150))
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=80)
    return out.getvalue()


def main() -> None:
    folder, repeats = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 30
    for name in NAMES:
        data = open(f"{folder}/{name}", "rb").read()
        for _ in range(3):
            thumbnail(data)
        times = []
        cpu_start = time.process_time()
        for _ in range(repeats):
            start = time.perf_counter()
            thumbnail(data)
            times.append((time.perf_counter() - start) * 1000)
        cpu = (time.process_time() - cpu_start) * 1000 / repeats
        print(f"Pillow {Image.__version__}\t{name}\t{statistics.median(times):.1f}\t{cpu:.1f}\t0")
    print(f"Pillow {Image.__version__}\tpeak-rss-mib\t{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")


main()
