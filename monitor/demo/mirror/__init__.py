"""The offline mirror: local sites of every type the crawler reads, for tests and the demo."""

from monitor.demo.mirror.generator import MirrorArticle, generate_article
from monitor.demo.mirror.handler import ServedRequest
from monitor.demo.mirror.server import MirrorServer
from monitor.demo.mirror.sites import SITES

__all__ = ["SITES", "MirrorArticle", "MirrorServer", "ServedRequest", "generate_article"]
