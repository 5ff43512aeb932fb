"""Evidence (issue 19): primary documents attached to a collection, the figures found in them,
and the match of each claim figure against them.

extract.py reads a document (PDF, XLSX, CSV, HTML, DOCX, text) into text and located figures;
store.py stores it in one transaction; matching.py suggests, for each figure of a claim, the
best evidence and an outcome (supported, contradicted, not found) with its reason.
"""
