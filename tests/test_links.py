import pytest

from analysis.extract.links import classify_url, find_links


@pytest.mark.parametrize(
    "text, url",
    [
        ("Code: https://github.com/NikosEfth/crafting-shifts.", "https://github.com/NikosEfth/crafting-shifts"),
        ("see (https://github.com/ARCLab-MIT/space-nvs).", "https://github.com/ARCLab-MIT/space-nvs"),
        ("at http://www.bhchen.cn/}.", "http://www.bhchen.cn/"),
        (
            "https://github.com/BlueVelvetSackOfGoldPotatoes/child-play{ChildPlay}",
            "https://github.com/BlueVelvetSackOfGoldPotatoes/child-play",
        ),
        ("repo https://github.com/a/b.git, and", "https://github.com/a/b"),
        ("page https://aka.ms/orca-lm),", "https://aka.ms/orca-lm"),
        ("wiki https://en.wikipedia.org/wiki/Mercury_(planet).", "https://en.wikipedia.org/wiki/Mercury_(planet)"),
        ("bare github.com/owner/repo-name;", "github.com/owner/repo-name"),
    ],
)
def test_trailing_punctuation_is_not_part_of_the_url(text, url):
    links = find_links(text)
    assert [link.url for link in links] == [url]
    assert text[links[0].start_char : links[0].end_char] == url


@pytest.mark.parametrize(
    "url, host, repo",
    [
        ("https://github.com/NikosEfth/crafting-shifts", "github", "nikosefth/crafting-shifts"),
        (
            "https://github.com/huawei-noah/Federated-Learning/tree/main/HessianAlignment",
            "github",
            "huawei-noah/federated-learning",
        ),
        ("https://gitlab.com/group/project", "gitlab", "group/project"),
        ("https://huggingface.co/datasets/org/data-set", "huggingface", "org/data-set"),
        ("https://github.com/orgs/openai", "github", None),
        ("https://tonyxuqaq.github.io/projects/DriveGPT4/", "project_page", None),
        ("https://yuxuan-xue.com/gen-3diffusion", "project_page", None),
        ("https://aka.ms/X-CLIP", "other", None),
        ("https://arxiv.org/abs/2401.00001", "other", None),
    ],
)
def test_hosts_and_repos(url, host, repo):
    assert classify_url(url) == (host, repo)


def test_links_component_sets_doc_extension(nlp):
    doc = nlp("Our code is at https://github.com/xyfJASON/HCL and the page at https://phyworld.github.io")
    assert [(link["host"], link["repo"]) for link in doc._.links] == [
        ("github", "xyfjason/hcl"),
        ("project_page", None),
    ]


@pytest.mark.parametrize(
    "text, url",
    [
        # The cheap pre-check reads lower case: upper-case schemes and hosts are still found.
        ("Code at HTTPS://GitHub.com/A/B.", "HTTPS://GitHub.com/A/B"),
        ("Mirror on GITHUB.COM/a/b for all.", "GITHUB.COM/a/b"),
        # Non-ASCII texts always get the full pattern.
        ("Résumé: code at https://github.com/a/b — enjoy.", "https://github.com/a/b"),
    ],
)
def test_links_are_found_in_any_case_and_script(text, url):
    assert [link.url for link in find_links(text)] == [url]


def test_a_text_without_url_words_has_no_links():
    assert find_links("We reach 45.2 mAP on COCO, 3x faster than the baseline.") == []
