"""Use cases: each opens what it needs, runs in one transaction and returns a result object
for the CLI, the web app and the JSON contract to render."""
