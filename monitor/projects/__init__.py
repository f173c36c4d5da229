"""Projects: who invests, in what, in which industry, and what became of each signing.

``read_projects(article, extraction)`` reads one cleaned article (given its
extraction) into a ``ProjectReading``: the parties of its signings
(``parties``), the projects it names (``names``), each project's industry
(``industries``) and the stages it reports as done (``stages``).
``monitor.events.extraction.extract`` does this for every article, so an
``Extraction`` carries its reading as ``extraction.projects``.  Pure: no
database, no network.
"""

from typing import TYPE_CHECKING

from monitor.lazy import exports_on_use

if TYPE_CHECKING:
    from monitor.projects.industries import LABELS, classify
    from monitor.projects.model import STAGES, Party, ProjectMention, ProjectReading, Stage, StageMention
    from monitor.projects.names import project_key
    from monitor.projects.read import read_prepared, read_projects

# On first use: the reading's modules compile their patterns at import, and
# the store and the alerts import this package for its model alone.
__getattr__ = exports_on_use(
    globals(),
    {
        **dict.fromkeys(("LABELS", "classify"), "monitor.projects.industries"),
        **dict.fromkeys(
            ("STAGES", "Party", "ProjectMention", "ProjectReading", "Stage", "StageMention"), "monitor.projects.model"
        ),
        "project_key": "monitor.projects.names",
        **dict.fromkeys(("read_prepared", "read_projects"), "monitor.projects.read"),
    },
)

__all__ = [
    "LABELS",
    "STAGES",
    "Party",
    "ProjectMention",
    "ProjectReading",
    "Stage",
    "StageMention",
    "classify",
    "project_key",
    "read_prepared",
    "read_projects",
]
