#!/usr/bin/env python3
"""Writes small BMP files as Pillow saves them (tests/Atelier.Tests/Imaging/Fixtures/Bmp) and, beside
each, the pixels Pillow reads back from it as a PNG. Hand-run; the tests only read the output.

Needs: apt-get install python3-pil
Run:   /usr/bin/python3 tools/golden/make_bmp_fixtures.py
"""
import os

from PIL import Image

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "Atelier.Tests", "Imaging", "Fixtures", "Bmp")


def main():
    os.makedirs(OUT, exist_ok=True)
    image = Image.new("RGBA", (5, 3))  # width 5: every bit depth's rows need padding
    for y in range(3):
        for x in range(5):
            image.putpixel((x, y), (40 * x, 80 * y, 200 - 30 * x, 50 + 60 * y))
    # Pillow writes a 40-byte header: 24-bit, 32-bit BI_RGB (spare byte), 8-bit palette, 1-bit.
    for mode, name in [("RGB", "rgb24"), ("RGBA", "rgbx32"), ("P", "palette8"), ("1", "bilevel1")]:
        path = os.path.join(OUT, name + ".bmp")
        image.convert(mode).save(path)
        with Image.open(path) as bmp:
            bmp.convert("RGB").save(os.path.join(OUT, name + ".png"))


if __name__ == "__main__":
    main()
