"""Generated inputs for bench/foods.py: the search queries and a catalog of 1M products.

The ~300 queries come from the curated names: English and Dutch names, synonyms, 3-5 letter
prefixes, two-word queries and typos (one letter dropped, swapped or replaced).

Products are made deterministically (``random.Random(seed)``) from realistic parts: invented
brand-like words (never real brands), food phrases taken from the curated names and from SR28
names ("Beef, ground, raw" -> "Ground beef"), flavours, product forms and pack sizes. Nutrients
are the base food's values per 100 g times 0.75-1.25, with micronutrients often unknown (None)
as on real Open Food Facts labels. The finished SQLite file is cached under bench/.cache/,
keyed by GENERATOR_VERSION and by the project code that decides what is stored.
"""

from __future__ import annotations

import hashlib
import random
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mgcoach.foods.curated import curated_foods
from mgcoach.foods.importers import usda_sr28
from mgcoach.foods.importers.files import Release
from mgcoach.foods.model import Food, FoodSource, Portion
from mgcoach.foods.nutrients import nutrient_keys
from mgcoach.settings import Settings
from mgcoach.storage.curated_seed import curated_hash
from mgcoach.storage.database import HEAD, open_database
from mgcoach.storage.foods import write_foods

# Bump when the products change; the cache key also covers the code listed in _KEYED_CODE.
GENERATOR_VERSION = "catalog-v1"
SEED = 20_240_601
SRC = Path(__file__).resolve().parents[1] / "src" / "mgcoach"
_KEYED_CODE = (
    "foods/search_text.py",
    "storage/foods.py",
    "storage/search_index.py",
    "storage/tables.py",
    "storage/migrations/versions/0001_foods.py",
)
# Macronutrients are on every label; minerals and vitamin D mostly are not.
_MACROS = {"energy_kcal", "protein_g", "fat_g", "carbohydrate_g", "fibre_g", "sodium_mg"}
_MACRO_UNKNOWN, _MICRO_UNKNOWN = 0.03, 0.7


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split("|"))


_SYLLABLES = _split("ka|lo|mi|ve|ra|do|sun|ne|ta|bel|vi|or|an|ze|pol|ri|co|mar|len|tu|fa|gro")
_FLAVOURS = _split(
    "original|honey|sea salt|vanilla|chocolate|dark chocolate|strawberry|lemon|paprika|"
    "cinnamon|coconut|chili|garlic|herbs|tomato|mango|banana|caramel|mint|ginger|cheese|"
    "barbecue|pepper|apple|cranberry|raspberry|hazelnut|almond|oat|spicy|smoked|natural|"
    "unsalted|salted|lightly salted|low fat|organic|wholegrain|sugar free|protein"
)
_FLAVOURS_NL = _split(
    "naturel|honing|zeezout|vanille|chocolade|pure chocolade|aardbei|citroen|paprika|kaneel|"
    "kokos|knoflook|kruiden|tomaat|banaan|karamel|munt|gember|kaas|peper|appel|hazelnoot|"
    "ongezouten|gezouten|licht gezouten|biologisch|volkoren|suikervrij"
)
_FORMS = _split(
    "bar|bites|mix|spread|drink|crisps|snack|cereal|granola|cookies|crackers|soup|sauce|"
    "salad|yogurt|smoothie|chips|pieces|flakes|puree|paste|powder|balls|wrap"
)
_SIZES = _split(
    "100 g|150 g|200 g|250 g|300 g|400 g|500 g|750 g|1 kg|250 ml|330 ml|500 ml|1 l|6 x 40 g"
)
_COUNTRY_PREFIXES = ("871", "872", "540", "400", "300", "800", "841", "500", "560", "761")
_ALL_CAPS = re.compile(r"\b[A-Z][A-Z'&]+\b")


@dataclass(frozen=True, slots=True)
class Base:
    """A food a product is made of: its English (and Dutch) phrase and values per 100 g."""

    phrase: str
    phrase_nl: str | None
    per_100g: dict[str, float | None]


def cache_key(count: int) -> str:
    """Changes when the generator, the count, the schema, the stemming or the curated table do."""
    digest = hashlib.sha256(f"{GENERATOR_VERSION}|{count}|{SEED}|{HEAD}".encode())
    for name in _KEYED_CODE:
        digest.update((SRC / name).read_bytes())
    digest.update(curated_hash().encode())
    return digest.hexdigest()[:12]


def _sr28_phrase(name: str) -> str | None:
    """ "Beef, ground, raw" -> "Ground beef"; None for brand names and long technical names."""
    if _ALL_CAPS.search(name):
        return None  # a brand ("KELLOGG'S ...", "SILK ...")
    parts = [p.strip() for p in name.split(",")]
    first = parts[0]
    if len(parts) == 1 or "(" in parts[1] or len(parts[1]) > 20 or len(first) > 24:
        return first if len(first) <= 24 else None
    return f"{parts[1].capitalize()} {first.lower()}"


def bases(sr28: Path) -> list[Base]:
    """The curated foods and the SR28 foods (with a known energy) as product bases."""
    found = [
        Base(f.name.split(",")[0], (f.name_nl or "").split(",")[0] or None, dict(f.per_100g))
        for f in curated_foods()
    ]
    release = Release(sr28)
    try:
        for item in usda_sr28.read(release):
            phrase = _sr28_phrase(item.name)
            if phrase and item.value("energy_kcal") is not None:
                found.append(Base(phrase, None, dict(item.per_100g)))
    finally:
        release.close()
    return found


def _brands(rng: random.Random, count: int) -> list[str]:
    names = {
        "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        for _ in range(count)
    }
    return sorted(names)


def _ean13(index: int, rng: random.Random) -> str:
    # 999_999_937 is prime, so index -> index * p mod 10**9 is a bijection: unique codes.
    body = rng.choice(_COUNTRY_PREFIXES) + f"{(index * 999_999_937 + 12_345) % 10**9:09d}"
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def _name(rng: random.Random, base: Base, brand: str) -> str:
    flavour, form = rng.choice(_FLAVOURS), rng.choice(_FORMS)
    shape = rng.random()
    if shape < 0.35:
        name = f"{base.phrase} {flavour}"
    elif shape < 0.65:
        name = f"{flavour.capitalize()} {base.phrase.lower()} {form}"
    elif shape < 0.85:
        name = f"{base.phrase} {form}"
    else:
        name = base.phrase
    if rng.random() < 0.15:
        name = f"{brand} {name}"
    if rng.random() < 0.4:
        name = f"{name} {rng.choice(_SIZES)}"
    return name


def _values(rng: random.Random, base: Base) -> dict[str, float | None]:
    values: dict[str, float | None] = {}
    for key in nutrient_keys():
        value = base.per_100g.get(key)
        unknown = _MACRO_UNKNOWN if key in _MACROS else _MICRO_UNKNOWN
        if value is None or rng.random() < unknown:
            values[key] = None
        else:
            values[key] = round(value * rng.uniform(0.75, 1.25), 2)
    return values


def products(count: int, found: list[Base], seed: int = SEED) -> Iterator[Food]:
    """``count`` generated products, the same ones for the same seed and bases."""
    rng = random.Random(seed)
    brands = _brands(rng, 3000)
    for index in range(count):
        base, brand = rng.choice(found), rng.choice(brands)
        code = _ean13(index, rng)
        name_nl = None
        if base.phrase_nl and rng.random() < 0.3:
            name_nl = f"{base.phrase_nl} {rng.choice(_FLAVOURS_NL)}"
        serving = rng.choice((15.0, 25.0, 30.0, 40.0, 50.0, 125.0, 150.0, 250.0))
        yield Food(
            id=f"off:{code}",
            name=_name(rng, base, brand),
            source=FoodSource.OFF,
            per_100g=_values(rng, base),
            name_nl=name_nl,
            portions=(Portion(1.0, "serving", serving),) if rng.random() < 0.4 else (),
            barcode=code,
            brand=brand,
        )


def _progress(items: Iterator[Food], count: int, started: float) -> Iterator[Food]:
    for done, item in enumerate(items, start=1):
        if done % 100_000 == 0:
            rate = done / (time.perf_counter() - started)
            print(f"    built {done:>9,} of {count:,} ({rate:,.0f} rows/s)", file=sys.stderr)
        yield item


def build(path: Path, count: int, sr28: Path) -> float:
    """Write the curated foods and ``count`` products into a new SQLite file at ``path``
    (one transaction, as ``foods import off`` does); returns the seconds it took."""
    started = time.perf_counter()
    folder = path.parent / f"building-{path.stem}"
    folder.mkdir(parents=True, exist_ok=True)
    scratch = folder / "mgcoach.sqlite3"
    for leftover in folder.glob("mgcoach.sqlite3*"):
        leftover.unlink()
    db = open_database(Settings(folder, f"sqlite:///{scratch}"))
    try:
        items = _progress(products(count, bases(sr28)), count, started)
        with db.begin() as connection:
            write_foods(connection, items)
        with db.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.dispose()
    for old in path.parent.glob(f"off-catalog-{count}-*.sqlite3"):
        old.unlink()  # a stale cache of another generator version: hundreds of MiB each
    scratch.rename(path)
    for leftover in folder.iterdir():
        leftover.unlink()
    folder.rmdir()
    return time.perf_counter() - started


def catalog(cache: Path, count: int, sr28: Path) -> tuple[Path, float | None]:
    """The cached catalog file, built first when missing: (path, build seconds or None)."""
    path = cache / f"off-catalog-{count}-{cache_key(count)}.sqlite3"
    if path.exists():
        return path, None
    return path, build(path, count, sr28)


# --- queries ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Query:
    text: str
    kind: str


_ALPHABET = "abcdefghijklmnopqrstuvwxyz"


def typo(word: str, rng: random.Random) -> str:
    """One dropped, swapped (with the next letter) or replaced letter, anywhere in the word."""
    at = rng.randrange(len(word))
    action = rng.choice(("drop", "swap", "replace"))
    if action == "drop":
        return word[:at] + word[at + 1 :]
    if action == "swap" and at + 1 < len(word) and word[at] != word[at + 1]:
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    other = rng.choice([c for c in _ALPHABET if c != word[at]])
    return word[:at] + other + word[at + 1 :]


def query_set(seed: int = 7) -> list[Query]:
    """~300 queries from the curated names, the same every run."""
    rng = random.Random(seed)
    foods = sorted(curated_foods(), key=lambda f: f.id)
    names_en = sorted({f.name for f in foods})
    names_nl = sorted({f.name_nl for f in foods if f.name_nl})
    synonyms = sorted({s for f in foods for s in (*f.synonyms, *f.synonyms_nl)})
    phrases = [
        [w.lower() for w in re.findall(r"[^\W\d_]{3,}", name)] for name in names_en + names_nl
    ]
    phrases = [p for p in phrases if len(p) >= 2]
    words = sorted({w for p in phrases for w in p} | {s.lower() for s in synonyms if " " not in s})
    long_words = [w for w in words if len(w) >= 5 and w.isalpha()]
    found = [Query(n, "name, English") for n in rng.sample(names_en, 45)]
    found += [Query(n, "name, Dutch") for n in rng.sample(names_nl, 40)]
    found += [Query(s, "synonym") for s in rng.sample(synonyms, 45)]
    found += [Query(w[: rng.randint(3, 5)], "prefix (3-5 letters)") for w in rng.sample(words, 60)]
    for phrase in rng.sample(phrases, 50):
        found.append(Query(f"{phrase[0]} {rng.choice(phrase[1:])}", "two words"))
    for word in rng.sample(long_words, 40):
        found.append(Query(typo(word, rng), "typo"))
    for phrase in rng.sample([p for p in phrases if len(p[0]) >= 5], 20):
        found.append(Query(f"{typo(phrase[0], rng)} {phrase[1]}", "typo + word"))
    return list({q.text: q for q in found}.values())
