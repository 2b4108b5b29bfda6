"""The domain core: workflows, numbering, Vietnamese formats, documents.

Nothing in this package imports Flask or the database layer; services feed it
plain data and persist what it returns.
"""
