"""The food domain: food records, the curated table, portions, search ranking, gap-closing
suggestions and the streaming importers. No SQL here: storage/ keeps the foods in a database."""
