"""The analyst's workbench: ``signwatch serve``, a web view of events, articles, sources and subscriptions.

``app.create_app(settings)`` builds the Starlette application; each page is one
module (``sources``, ``articles``, ``subscriptions``, ``events``, ``event``)
that reads the store and hands one document to ``rendering``, which answers
as HTML, JSON, CSV or XLSX.  The query string of every page is read by
``params`` (unknown or malformed values are a 400), the events filters by
``event_query``; ``security`` keeps the login, the CSRF tokens and the
Content-Security-Policy.  Nothing here is imported at package import: the CLI's
``events --csv`` uses ``exports`` without loading Starlette.
"""
