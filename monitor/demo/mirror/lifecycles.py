"""A project's lifecycle as the mirror publishes it: signed, breaking ground months later elsewhere, producing.

Real sites report one project several times over a year or two, each time
on whichever site covers that step: the district's release of the signing,
a news site's groundbreaking, a third site's 投产.  The demo publishes such
a lifecycle so a stage alert (``开工 · 签约后 N 天``) follows a signing
read on another site.  The text is our own, in the style of the mirror's
generated articles.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

INVESTOR = "上海澄锋新能源科技有限公司"
PROJECT = "澄锋智能电驱动生产基地项目"


@dataclass(frozen=True)
class LifecycleReport:
    """One step of a project's life as one site reports it."""

    site: str
    stage: str
    published: datetime
    title: str
    paragraphs: tuple[str, ...]


def _day(when: date) -> str:
    return f"{when.month}月{when.day}日"


def project_lifecycle(signed: date, ground: date, producing: date) -> list[LifecycleReport]:
    """The signing, groundbreaking and production of one project in 宝山区, on three sites, oldest first."""
    return [
        LifecycleReport(
            "generic",
            "签约",
            datetime.combine(signed, time(10, 0)),
            f"宝山区签约{PROJECT} 总投资50亿元",
            (
                f"{_day(signed)},上海市宝山区人民政府与{INVESTOR}签署投资协议,{PROJECT}落户宝山区罗店镇。"
                "项目总投资50亿元,主要建设新能源汽车电驱动系统生产线。",
                "宝山区有关负责人表示,将做好全流程服务保障,推动项目早开工、早投产、早见效。",
            ),
        ),
        LifecycleReport(
            "zblog",
            "开工",
            datetime.combine(ground, time(9, 30)),
            f"{PROJECT}在宝山开工",
            (
                f"{_day(ground)},{PROJECT}在上海市宝山区罗店镇开工。该项目由{INVESTOR}投资建设,总投资50亿元,"
                "主要生产新能源汽车电驱动系统。",
                "项目负责人介绍,一期厂房计划明年建成,将带动上下游配套企业集聚宝山。",
            ),
        ),
        LifecycleReport(
            "dedecms",
            "投产",
            datetime.combine(producing, time(14, 0)),
            f"{PROJECT}正式投产",
            (
                f"{_day(producing)},{PROJECT}在宝山区罗店镇正式投产。该项目由{INVESTOR}投资建设,总投资50亿元,"
                "首条新能源汽车电驱动系统生产线已下线首批产品。",
            ),
        ),
    ]


def demo_lifecycle(today: date) -> list[LifecycleReport]:
    """The demo's lifecycle: signed 400 days ago, ground broken 250 days ago, producing today."""
    return project_lifecycle(today - timedelta(days=400), today - timedelta(days=250), today)
