"""The knowledge base loads, every record cites a known source, and bad data is refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mgcoach.errors import KnowledgeError
from mgcoach.knowledge import KnowledgeBase, load_knowledge_from
from mgcoach.knowledge.base import DATA_DIR


def test_every_record_cites_known_sources(kb: KnowledgeBase) -> None:
    records = list(kb.cited())
    assert len(records) > 500
    for label, record in records:
        assert record.sources, label
        assert all(source in kb.sources for source in record.sources), label


def test_every_source_has_a_citation(kb: KnowledgeBase) -> None:
    for source in kb.sources.values():
        assert len(source.citation) > 20, source.id


def test_every_nutrient_has_intakes_for_every_system(kb: KnowledgeBase) -> None:
    for nutrient in kb.nutrients:
        systems = {row.system for row in kb.intakes_for(nutrient)}
        assert len(systems) == 5, nutrient


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        pytest.param(
            "intakes/magnesium.csv", "IOM97;NIH-ODS;DRI-sum", "NOPE99", id="unknown-source"
        ),
        pytest.param("nutrients.toml", 'unit = "mg"', 'unit = "grains"', id="bad-unit"),
        pytest.param("intakes/magnesium.csv", ",RDA,80,", ",RDAX,80,", id="bad-kind"),
        pytest.param("intakes/magnesium.csv", "us,1y,4y", "us,4y,1y", id="empty-age-band"),
        pytest.param("intakes/magnesium.csv", ",RDA,80,", ",RDA,-80,", id="negative-value"),
        pytest.param("compounds.toml", 'formula = "Mg3(C6H5O7)2"', 'formula = "Xq3"', id="formula"),
        pytest.param(
            "compounds.toml",
            'hydrate = "nonahydrate"',
            'hydrate = "dihydrate"',
            id="hydrate-mismatch",
        ),
        pytest.param(
            "serum.toml",
            "upper_mmol_per_l = 0.95",
            "upper_mmol_per_l = 0.45",
            id="serum-bands-out-of-order",
        ),
        pytest.param("upper_limits.csv", "UL,350,", "UL,,", id="ul-without-value"),
        pytest.param("sources.toml", 'id = "IOM97"', 'id = "IOM98"', id="source-removed"),
        pytest.param("sources.toml", 'id = "IOM97"', 'id = "IOM 97!"', id="source-id-pattern"),
        pytest.param(
            "ratios.toml",
            'numerator_element = "Ca"',
            'numerator_element = "Qq"',
            id="unknown-element",
        ),
        pytest.param("conditions.toml", '["orotate"]', '["orotite"]', id="unknown-family"),
    ],
)
def test_bad_data_is_refused_at_load(data_copy: Path, file: str, old: str, new: str) -> None:
    _replace(data_copy / file, old, new)
    with pytest.raises(KnowledgeError):
        load_knowledge_from(data_copy)


def test_a_clean_copy_loads(data_copy: Path) -> None:
    assert load_knowledge_from(data_copy).nutrients
