"""Places: the gazetteer (GeoNames and curated places, `gazetteer.py`) and, built on it, the
place mentions of a brief."""
