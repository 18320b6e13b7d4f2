"""Themes: fonts, colours, spacing and logo, applied identically by both writers."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Theme:
    name: str = "ministry"
    # Font families by role; the writers map each to bundled fonts per script
    # (Latin, Khmer, Chinese) so every script renders with a font that has it.
    body_font: str = "Noto Sans"
    heading_font: str = "Noto Sans"
    body_size: float = 10.5        # points
    small_size: float = 8.5
    heading_sizes: tuple[float, float, float] = (18.0, 14.0, 11.5)  # levels 1, 2, 3
    title_size: float = 26.0
    line_spacing: float = 1.3      # multiple of the font size
    paragraph_space: float = 4.0   # points after a paragraph
    primary: str = "#1F3A5F"       # headings, rules
    accent: str = "#8A6D3B"        # labels, table headers
    text: str = "#1A1A1A"
    muted: str = "#5A5A5A"
    marking: str = "#B00020"       # classification marking
    table_header_fill: str = "#E8EDF3"
    margins_mm: tuple[float, float, float, float] = (22.0, 20.0, 22.0, 20.0)  # top, right, bottom, left
    photo_width_mm: float = 35.0
    logo: bytes | None = field(default=None, repr=False)


THEMES = {
    "ministry": Theme(),
    "plain": Theme(name="plain", primary="#222222", accent="#444444",
                   table_header_fill="#EEEEEE"),
}


def get_theme(name: str | None) -> Theme:
    return THEMES.get(name or "ministry", THEMES["ministry"])
