"""``signwatch extract``'s summary names each figure's amount kind (issue 15: "the kind of money").

An analyst reading the plain summary must see that 合同引资 is contracted,
到位资金 arrived, 授信 credit and 年创税 tax — not only investment or not —
and that a project-size bracket is a bracket. Each case is a short passage in
the style of published 招商 news, read through the real command.
"""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from monitor.cli import loaded_app

app = loaded_app()

# (passage, the figure lines' labels in order, as "text: labels")
CASES = [
    (
        "8月26日,岳阳县举行重大产业项目集中签约仪式。集中签约项目15个,合同引资68.6亿元,到位资金12亿元。",
        ["68.6亿元: contracted, investment, exact", "12亿元: arrived, investment, exact"],
    ),
    (
        "4月18日,10家银行与30家民营企业现场签署授信协议,涉及金额1200多亿元。",
        ["1200多亿元: credit, more_than"],
    ),
    (
        "项目总投资50亿元,建成后年产值100亿元、年创税3亿元。",
        ["50亿元: agreed, investment, exact", "100亿元: output, exact", "3亿元: tax, exact"],
    ),
    (
        "此次全市共有156个亿元以上重大项目集中签约,总投资608.75亿元。",
        ["亿元以上: agreed, investment, bracket, more_than", "608.75亿元: agreed, investment, exact"],
    ),
]

FIGURE_LINE = re.compile(r"^  figure (\S+) = .* \[(.*)\]$")


@pytest.mark.parametrize(("passage", "expected"), CASES)
def test_the_summary_names_each_figures_kind(passage: str, expected: list[str]) -> None:
    result = CliRunner().invoke(app, ["extract", "-"], input=passage + "\n")
    assert result.exit_code == 0, result.output
    found = [f"{m[1]}: {m[2]}" for line in result.stdout.splitlines() if (m := FIGURE_LINE.match(line))]
    assert found == expected, result.stdout
