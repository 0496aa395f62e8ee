"""Thirty realistic food searches (English, Dutch, typos) and the food each must find first.

Shared by the search tests (tests/storage/test_food_search_queries.py, on SQLite and
PostgreSQL) and the search benchmark (bench/foods.py), so the speed measured is the speed of
searches whose answers are checked.
"""

from __future__ import annotations

from typing import NamedTuple


class SearchQuery(NamedTuple):
    text: str
    kind: str  # "en", "nl" or "typo"
    first: str  # the id of the food it must find first


SEARCH_QUERIES = (
    SearchQuery("almonds", "en", "usda:12061"),
    SearchQuery("spinach raw", "en", "usda:11457"),
    SearchQuery("pumpkin seeds", "en", "usda:12014"),
    SearchQuery("dark chocolate", "en", "usda:19902"),
    SearchQuery("black beans", "en", "usda:16015"),
    SearchQuery("oat bran", "en", "usda:20033"),
    SearchQuery("peanut butter", "en", "usda:16098"),
    SearchQuery("brown rice", "en", "usda:20037"),
    SearchQuery("chia seeds", "en", "usda:12006"),
    SearchQuery("cashews", "en", "usda:12087"),
    SearchQuery("banana", "en", "usda:09040"),
    SearchQuery("milk", "en", "usda:01211"),
    SearchQuery("amandelen", "nl", "usda:12061"),
    SearchQuery("spinazie", "nl", "usda:11457"),
    SearchQuery("pompoenpitten", "nl", "usda:12014"),
    SearchQuery("pure chocolade", "nl", "usda:19902"),
    SearchQuery("zwarte bonen", "nl", "usda:16015"),
    SearchQuery("havermout", "nl", "usda:08120"),
    SearchQuery("pindakaas", "nl", "usda:16098"),
    SearchQuery("zonnebloempitten", "nl", "usda:12036"),
    SearchQuery("boerenkool", "nl", "usda:11233"),
    SearchQuery("almods", "typo", "usda:12061"),
    SearchQuery("almonsd", "typo", "usda:12061"),
    SearchQuery("spinch", "typo", "usda:11457"),
    SearchQuery("brocoli", "typo", "usda:11090"),
    SearchQuery("avocdo", "typo", "usda:09037"),
    SearchQuery("pumkin seeds", "typo", "usda:12014"),
    SearchQuery("quinao", "typo", "usda:20137"),
    SearchQuery("amandlen", "typo", "usda:12061"),
    SearchQuery("cashwes", "typo", "usda:12087"),
)
