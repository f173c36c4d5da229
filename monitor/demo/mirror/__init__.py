"""The offline mirror: local sites of every type the crawler reads, for tests and the demo."""

from monitor.demo.mirror.generator import MirrorArticle, generate_article
from monitor.demo.mirror.server import SITES, MirrorServer, ServedRequest

__all__ = ["SITES", "MirrorArticle", "MirrorServer", "ServedRequest", "generate_article"]
