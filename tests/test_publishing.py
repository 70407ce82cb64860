"""The GitHub Actions workflow that publishes the report runs the documented publishing commands
(docs/report.md, "Publishing the report").

Nothing online can run here; what can be checked is that the workflow is valid YAML of the shape GitHub
reads, that it renders with Quarto and deploys _site/, and that every command it runs is one the docs tell
users to run."""

import re

import yaml

from analysis.paths import PROJECT_ROOT

WORKFLOW = PROJECT_ROOT / ".github" / "workflows" / "publish.yml"


def documented_publishing_commands() -> list[str]:
    text = (PROJECT_ROOT / "docs" / "report.md").read_text(encoding="utf-8")
    section = re.search(r"^## Publishing the report\n(.*?)(?=^## )", text, re.M | re.S)
    assert section, "docs/report.md has no '## Publishing the report' section"
    blocks = re.findall(r"```sh\n(.*?)```", section.group(1), re.S)
    return [line.split("#")[0].strip() for block in blocks for line in block.splitlines() if line.split("#")[0].strip()]


def test_workflow_parses_and_deploys_the_rendered_site():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True.
    triggers = workflow.get("on", workflow.get(True))
    assert "push" in triggers and workflow["permissions"]["pages"] == "write"
    render, deploy = workflow["jobs"]["render"], workflow["jobs"]["deploy"]
    uses = [step.get("uses", "").split("@")[0] for step in render["steps"]]
    assert "quarto-dev/quarto-actions/setup" in uses
    upload = next(step for step in render["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "_site"
    assert deploy["needs"] == "render"
    assert any(step.get("uses", "").startswith("actions/deploy-pages") for step in deploy["steps"])


def test_workflow_runs_the_documented_commands_in_order():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    runs = [step["run"].strip() for step in workflow["jobs"]["render"]["steps"] if "run" in step]
    assert runs, "the workflow runs no command"
    readme = documented_publishing_commands()
    assert all(command in readme for command in runs), (runs, readme)
    assert sorted(runs, key=readme.index) == runs
    assert "quarto render" in runs
    # The docs also show Quarto's own publishing commands for users who publish by hand.
    assert any(command.startswith("quarto publish gh-pages") for command in readme)
    assert any(command.startswith("quarto publish netlify") for command in readme)
