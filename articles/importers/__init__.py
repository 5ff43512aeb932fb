"""Getting articles in: each importer turns a file into articles (and runs detection).

One module per format, each a `parse_<format>(data, name)` that yields checked ArticleInputs or
ImportFailures: text.py (.txt, and the one-file import), html.py, docx.py, jsonl.py, csv.py.
base.py holds what they share (ImportFailure, ArticleInput, the field checks, FORMATS_BY_SUFFIX);
store.py reads any file by its format and stores the articles all or nothing (import_articles).
Errors name the file and where in it the problem is; nothing is half-written.
"""
