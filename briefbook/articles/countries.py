"""Country names, their common forms and demonyms, for "Chinese Premier" -> China.

Deliberately a plain table: offline, deterministic and easy to extend.
"""
from __future__ import annotations

import re

# canonical name: (other names..., demonyms...)
COUNTRIES: dict[str, tuple[str, ...]] = {
    "Cambodia": ("Kingdom of Cambodia", "Cambodian", "Khmer"),
    "China": ("People's Republic of China", "People’s Republic of China", "PRC", "Chinese"),
    "Laos": ("Lao PDR", "Lao People's Democratic Republic", "Lao", "Laotian"),
    "Vietnam": ("Viet Nam", "Socialist Republic of Vietnam", "Socialist Republic of Viet Nam",
                "Vietnamese"),
    "Thailand": ("Kingdom of Thailand", "Thai"),
    "Myanmar": ("Burma", "Myanmar's", "Burmese"),
    "Malaysia": ("Malaysian",),
    "Singapore": ("Republic of Singapore", "Singaporean"),
    "Indonesia": ("Republic of Indonesia", "Indonesian"),
    "Philippines": ("the Philippines", "Republic of the Philippines", "Philippine", "Filipino"),
    "Brunei": ("Brunei Darussalam", "Bruneian"),
    "Timor-Leste": ("East Timor", "Timorese"),
    "Japan": ("Japanese",),
    "South Korea": ("Republic of Korea", "ROK", "Korea", "South Korean", "Korean"),
    "North Korea": ("DPRK", "Democratic People's Republic of Korea", "North Korean"),
    "India": ("Republic of India", "Indian"),
    "Pakistan": ("Pakistani",),
    "Bangladesh": ("Bangladeshi",),
    "Sri Lanka": ("Sri Lankan",),
    "Nepal": ("Nepali", "Nepalese"),
    "Mongolia": ("Mongolian",),
    "Kazakhstan": ("Kazakh", "Kazakhstani"),
    "Australia": ("Commonwealth of Australia", "Australian"),
    "New Zealand": ("New Zealander",),
    "United States": ("United States of America", "USA", "U.S.", "US", "American"),
    "Canada": ("Canadian",),
    "United Kingdom": ("UK", "U.K.", "Britain", "Great Britain", "British"),
    "France": ("French",),
    "Germany": ("German",),
    "Italy": ("Italian",),
    "Spain": ("Spanish",),
    "Netherlands": ("the Netherlands", "Dutch"),
    "Belgium": ("Belgian",),
    "Switzerland": ("Swiss",),
    "Norway": ("Norwegian",),
    "Sweden": ("Swedish",),
    "Finland": ("Finnish",),
    "Denmark": ("Danish",),
    "Poland": ("Polish",),
    "Hungary": ("Hungarian",),
    "Croatia": ("Croatian",),
    "Russia": ("Russian Federation", "Russian"),
    "Turkey": ("Türkiye", "Turkish"),
    "Iran": ("Iranian",),
    "Saudi Arabia": ("Saudi",),
    "United Arab Emirates": ("UAE", "Emirati"),
    "Qatar": ("Qatari",),
    "Egypt": ("Egyptian",),
    "South Africa": ("South African",),
    "Brazil": ("Brazilian",),
    "Mexico": ("Mexican",),
    "Argentina": ("Argentine", "Argentinian"),
    "Chile": ("Chilean",),
    "Cuba": ("Cuban",),
    "Ukraine": ("Ukrainian",),
    "Israel": ("Israeli",),
}

# "People's" is also written "People’s"
COUNTRIES = {k: tuple(dict.fromkeys(f for form in v for f in (form, form.replace("'", "’"))))
             for k, v in COUNTRIES.items()}

_LOOKUP: dict[str, str] = {}
for _name, _forms in COUNTRIES.items():
    _LOOKUP[_name.casefold()] = _name
    for _form in _forms:
        _LOOKUP.setdefault(_form.casefold(), _name)
# Longest first so "People's Republic of China" wins over "China".
_ALTERNATION = "|".join(re.escape(k) for k in sorted(
    {f for k, v in COUNTRIES.items() for f in (k, *v) if len(f) > 2 or f.isupper()},
    key=len, reverse=True))
COUNTRY_RX = re.compile(rf"(?<![\w-])(?:the\s+)?({_ALTERNATION})(?:'s|’s)?(?![\w-])")


def country_of(word: str) -> str:
    """'Chinese' -> 'China', 'the Kingdom of Cambodia' -> 'Cambodia', else ''."""
    word = re.sub(r"^the\s+", "", word.strip(), flags=re.I)
    word = re.sub(r"(?:'s|’s)$", "", word)
    return _LOOKUP.get(word.casefold(), "")


def countries_in(text: str) -> list[str]:
    """Canonical countries named in *text*, in order of first mention."""
    out: list[str] = []
    for m in COUNTRY_RX.finditer(text):
        name = country_of(m.group(1))
        if name and name not in out:
            out.append(name)
    return out


def is_country_word(word: str) -> bool:
    return bool(country_of(word))
