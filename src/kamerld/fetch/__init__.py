"""Fetching documents and their metadata from the official services, and keeping them up to date.

    services.py   the official hosts, and the one switch (`--mirror`) that points them all elsewhere
    http.py       the polite HTTP client: rate limit, retries with backoff, Retry-After, timeouts
    sru.py        KOOP's SRU search service: CQL in, publication records out
    odata.py      the Tweede Kamer's OData v4 service, paged by @odata.nextLink
    syncfeed.py   the Tweede Kamer's SyncFeed (Atom): what changed since a position, deletions too
    tk.py         Tweede Kamer metadata of a zaak: its documents by role, its actors
    selection.py  what a user asks for (dates, kinds, zaak, dossier, id) and its CQL
    layout.py     the folder `kamerld fetch` writes and `kamerld build` reads; fetch records
    fetcher.py    `kamerld fetch`: find, classify, download
    apply.py      what a fetch record adds to a document a build reads (provenance, TK metadata)
    update.py     `kamerld update`: fetch what changed, drop what was withdrawn, build, write the feed
    changes.py    the feed of what changed (Atom and RDF)

Nothing here is imported by a plain `kamerld build` except `apply` and `layout` (no network code).
"""
