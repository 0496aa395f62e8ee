"""Pure, typed functions over the knowledge base: no I/O, no printing, no translation."""
