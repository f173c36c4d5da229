"""Projects: who invests, in what, in which industry, and what became of each signing.

``read_projects(article, extraction)`` reads one cleaned article (given its
extraction) into a ``ProjectReading``: the parties of its signings
(``parties``), the projects it names (``names``), each project's industry
(``industries``) and the stages it reports as done (``stages``).
``monitor.events.extract.extract`` does this for every article, so an
``Extraction`` carries its reading as ``extraction.projects``.  Pure: no
database, no network.
"""

from monitor.projects.industries import LABELS, classify
from monitor.projects.model import STAGES, Party, ProjectMention, ProjectReading, Stage, StageMention
from monitor.projects.names import project_key
from monitor.projects.read import read_prepared, read_projects

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
