"""The archive and what enters it: canonical text, content hashes, ``NNN_<hash>.txt`` files, and the doors in.

- ``canonical`` / ``files`` - the canonical text an article is stored as, its hash and its file;
- ``ingest`` - the storing transaction of crawled pages: store, file extractions, queue alerts
  (the values that cross its steps are in ``monitor.records``);
- ``storing`` - its first step: pages become articles, URL rows and raw pages;
- ``revisits`` - what a revisit needs of the stored URLs (validators, content hashes);
- ``importer`` / ``analysis`` - importing an archive directory, and (re)analysing stored articles;
- ``verify`` - checking every file's name against its content.
"""
