"""The files of the SPARQL query form (`GET /sparql` in a browser): its page, script and style, and
the bundled YASGUI editor under vendor/yasgui/ (scripts/vendor_yasgui.py)."""
