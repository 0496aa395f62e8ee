"""A printed EAN-13 for the scanning tests, drawn here without a library: the bars (GS1's L, G
and R patterns, the first digit choosing the left half's parity) as a grey-scale image, written
as a PNG (zlib and struct) or as Y4M frames, the raw video Chromium's fake camera plays."""

from __future__ import annotations

import struct
import zlib

_L = ("0001101", "0011001", "0010011", "0111101", "0100011",
      "0110001", "0101111", "0111011", "0110111", "0001011")  # fmt: skip
_PARITY = ("LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG",
           "LGGLLG", "LGGGLL", "LGLGLG", "LGLGGL", "LGGLGL")  # fmt: skip
QUIET = 11  # modules of white either side


def _r(digit: int) -> str:
    return "".join("1" if bit == "0" else "0" for bit in _L[digit])


def modules(code: str) -> str:
    """The 95 modules of an EAN-13 (1 is a bar), its quiet zones around it."""
    assert len(code) == 13 and code.isdigit(), code
    digits = [int(d) for d in code]
    left = "".join(
        _L[d] if parity == "L" else _r(d)[::-1]
        for d, parity in zip(digits[1:7], _PARITY[digits[0]], strict=True)
    )
    right = "".join(_r(d) for d in digits[7:])
    bars = "101" + left + "01010" + right + "101"
    return "0" * QUIET + bars + "0" * QUIET


def rows(code: str, scale: int = 3, height: int = 90) -> list[bytes]:
    """The image's rows, one grey byte a pixel (0 black, 255 white), white above and below."""
    line = bytes(0 if m == "1" else 255 for m in modules(code) for _ in range(scale))
    blank = bytes([255]) * len(line)
    margin = height // 6
    return [blank] * margin + [line] * height + [blank] * margin


def png(code: str | None, scale: int = 3) -> bytes:
    """The barcode as a PNG; without a code, a white image of the same size (no barcode)."""
    image = rows(code or "0" * 13, scale)
    if code is None:
        image = [bytes([255]) * len(row) for row in image]
    width, height = len(image[0]), len(image)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grey
    raw = b"".join(b"\0" + row for row in image)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def y4m(code: str, width: int = 640, height: int = 480, frames: int = 10) -> bytes:
    """A still video of the barcode in the middle of a white frame (4:2:0, grey: U = V = 128)."""
    image = rows(code, scale=width // (95 + 2 * QUIET), height=height // 2)
    top = (height - len(image)) // 2
    left = (width - len(image[0])) // 2
    white = bytes([255]) * width
    luma = b"".join(
        white[:left] + image[y - top] + white[: width - left - len(image[0])]
        if 0 <= y - top < len(image)
        else white
        for y in range(height)
    )
    chroma = bytes([128]) * (width * height // 2)
    header = f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode()
    return header + b"".join(b"FRAME\n" + luma + chroma for _ in range(frames))
