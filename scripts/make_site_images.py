"""
Draws the site's own pictures into static/: the favicon (SVG, ICO and a 180px PNG for
home screens) and the default social image shared when a page has no poster of its own.

    .venv/bin/python scripts/make_site_images.py

The mark is a white "F" on the site's accent red, drawn from rectangles, so the SVG and
the bitmaps match and no font is needed for them. The social image's text uses DejaVu
(Debian's fonts-dejavu-core). The output is committed: run this again only to change them.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

STATIC = Path(__file__).resolve().parent.parent / "static"
ACCENT = "#a3231a"
INK = "#1d1b18"
PAPER = "#fbfaf7"
MUTED = "#cfc8bd"
FONTS = Path("/usr/share/fonts/truetype/dejavu")

# On a 32 x 32 grid: the rounded square, then the F as (left, top, right, bottom) bars.
GRID = 32
CORNER = 6
LETTER = [(10, 7, 15, 25), (10, 7, 23, 11), (10, 14, 21, 18)]

SVG = f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {GRID} {GRID}">
<rect width="{GRID}" height="{GRID}" rx="{CORNER}" fill="{ACCENT}"/>
<path fill="#fff" d="M10 7h13v4h-8v3h6v4h-6v7h-5z"/>
</svg>
"""


def mark(size):
    """The mark at `size` pixels, drawn 8 times larger and scaled down for smooth edges."""
    scale = size * 8 / GRID
    big = Image.new("RGBA", (size * 8, size * 8), (0, 0, 0, 0))
    draw = ImageDraw.Draw(big)
    draw.rounded_rectangle((0, 0, size * 8 - 1, size * 8 - 1), radius=CORNER * scale, fill=ACCENT)
    for left, top, right, bottom in LETTER:
        draw.rectangle((left * scale, top * scale, right * scale - 1, bottom * scale - 1), fill="#ffffff")
    return big.resize((size, size), Image.Resampling.LANCZOS)


def social_image():
    width, height = 1200, 630
    image = Image.new("RGB", (width, height), INK)
    draw = ImageDraw.Draw(image)
    image.paste(logo := mark(160), (96, 120), logo)
    title = ImageFont.truetype(str(FONTS / "DejaVuSerif-Bold.ttf"), 92)
    lede = ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), 40)
    draw.text((96, 330), "Film Magazine", font=title, fill=PAPER)
    draw.text((96, 450), "Movies like the ones you love,", font=lede, fill=MUTED)
    draw.text((96, 502), "counted down to the one to watch first.", font=lede, fill=MUTED)
    # Six cards rising to the top pick, across from the mark: a countdown at a glance.
    for number in range(6):
        left, card_height = 700 + number * 72, 80 + number * 32
        draw.rounded_rectangle((left, 280 - card_height, left + 54, 280), 6, fill=ACCENT)
    draw.rectangle((0, height - 18, width, height), fill=ACCENT)
    return image


def main():
    (STATIC / "favicon.svg").write_text(SVG)
    mark(256).save(STATIC / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    # Home screens draw their own rounded corners over an opaque square.
    touch = Image.new("RGB", (180, 180), ACCENT)
    touch.paste(icon := mark(180), (0, 0), icon)
    touch.save(STATIC / "apple-touch-icon.png", optimize=True)
    (STATIC / "img").mkdir(exist_ok=True)
    social_image().save(STATIC / "img" / "social.png", optimize=True)


if __name__ == "__main__":
    main()
