"""The archive and what enters it: canonical text, content hashes, ``NNN_<hash>.txt`` files, and the doors in.

- ``canonical`` / ``files`` - the canonical text an article is stored as, its hash and its file;
- ``records`` - the values that cross the storing steps (fetched pages, stored articles, results);
- ``ingest`` - the storing transaction of crawled pages: store, file extractions, queue alerts;
- ``importer`` / ``analysis`` - importing an archive directory, and (re)analysing stored articles;
- ``verify`` - checking every file's name against its content.
"""
