#!/usr/bin/env python3
"""Writes the small JPEG fixtures of tests/Atelier.Tests/Imaging/Fixtures/Jpeg and, beside each, the
pixels libjpeg decodes from it (through Pillow) as a PNG. Hand-run; the tests only read the output.

Needs: apt-get install python3-pil libjpeg-turbo-progs   (cjpeg for restart intervals and scan scripts)
Run:   /usr/bin/python3 tools/golden/make_jpeg_fixtures.py
"""
import io
import math
import os
import subprocess
import tempfile

from PIL import Image

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "Atelier.Tests", "Imaging", "Fixtures", "Jpeg")
W, H = 37, 29  # not multiples of 8 or 16, so partial blocks and MCUs are exercised


def source():
    """Smooth colour gradients, a hard-edged disc and a few stripes."""
    img = Image.new("RGB", (W, H))
    px = img.load()
    for y in range(H):
        for x in range(W):
            r = int(255 * x / (W - 1))
            g = int(128 + 100 * math.sin(y / 4.0))
            b = int(255 * (1 - y / (H - 1)))
            if (x - 24) ** 2 + (y - 12) ** 2 < 49:
                r, g, b = 250, 240, 20
            if x < 8 and (y // 3) % 2 == 0:
                r, g, b = 10, 20, 30
            px[x, y] = (r, g, b)
    return img


def save_reference(name):
    with Image.open(os.path.join(OUT, name + ".jpg")) as jpeg:
        jpeg.load()
        jpeg.save(os.path.join(OUT, name + ".png"))


def cjpeg(name, image, *args):
    with tempfile.TemporaryDirectory() as tmp:
        ppm = os.path.join(tmp, "in.ppm")
        image.save(ppm)
        subprocess.run(["cjpeg", *args, "-outfile", os.path.join(OUT, name + ".jpg"), ppm], check=True, cwd=tmp)


def main():
    os.makedirs(OUT, exist_ok=True)
    img = source()
    img.convert("L").save(os.path.join(OUT, "grey.jpg"), quality=90)
    img.save(os.path.join(OUT, "ycbcr444.jpg"), quality=90, subsampling=0)
    img.save(os.path.join(OUT, "ycbcr422.jpg"), quality=90, subsampling=1)
    exif = Image.Exif()
    exif[0x010E] = "Atelier JPEG fixture"  # ImageDescription, so the file has an APP1 (EXIF) segment
    img.save(os.path.join(OUT, "ycbcr420-exif.jpg"), quality=85, subsampling=2, exif=exif.tobytes())
    img.save(os.path.join(OUT, "progressive.jpg"), quality=90, progressive=True)
    # 4:4:0 (luma sampled 1x2) with a restart marker every 2 MCUs.
    cjpeg("ycbcr440-restart", img, "-quality", "90", "-sample", "1x2", "-restart", "2B")
    # Sequential, but one scan per component (non-interleaved), 4:2:0.
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as script:
        script.write("0;\n1;\n2;\n")
    cjpeg("ycbcr420-scans", img, "-quality", "90", "-sample", "2x2", "-scans", script.name)
    os.unlink(script.name)
    for name in ["grey", "ycbcr444", "ycbcr422", "ycbcr420-exif", "progressive", "ycbcr440-restart", "ycbcr420-scans"]:
        save_reference(name)


if __name__ == "__main__":
    main()
