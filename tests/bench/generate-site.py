#!/usr/bin/env python3
"""Generate a large bilingual benchmark site, once for kennis and once for Hugo.

Both sites hold the same documents: a home page, a `publicaties` section, SECTIONS publication
sections and PAGES pages in every publication, each in Dutch (`x.md`) and English (`x.en.md`).
The Dutch text is sampled (bigram chain) from the words of the real publications in
`content/publicaties/`, so paragraph and page sizes resemble the real site; the English text uses a
small built-in vocabulary. Everything is derived from one seed, so two runs give identical files.

    tests/bench/generate-site.py --kennis /tmp/bench/kennis-site --hugo /tmp/bench/hugo-site

The kennis site gets a copy of the repository's `site.toml` and a symlink to its `themes/`
(`--repo` names another checkout, e.g. an exported revision). The Hugo site gets a config,
layouts and i18n files written by this script (see `hugo_site`).
"""

import argparse
import random
import re
import shutil
import sys
import tomllib
import unicodedata
from pathlib import Path

# The kennis checkout whose site.toml, themes/ and content/publicaties/ are used (see --repo).
REPO = Path(__file__).resolve().parents[2]

# ---------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------

WORD = re.compile(r"[^\W\d_][\w’-]*|\d+", re.UNICODE)

# English words for the translations (written for this benchmark; a public-policy register).
ENGLISH = """
the the the the of of of of and and and to to to in in in a a a is is are for for on with with
as by that that this we we our their cities city local government policy policies plan plans
annual report programme programmes working group groups network networks knowledge centre
urban flemish flanders region regional federal european support supports supporting develop
developing development share sharing learn learning practice practices good better strong
stronger climate energy housing mobility poverty social rights data information digital
transition transitions public space spaces services service citizens residents neighbourhood
neighbourhoods partners partnership cooperation administration administrations management
monitoring indicators indicator figures results goal goals objective objectives action actions
measure measures funding finance budget budgets investment investments research study studies
analysis approach approaches framework frameworks challenge challenges opportunity
opportunities together each other also more most many several new existing future current
year years period meeting meetings participants workshop workshops exchange exchanges experts
expertise staff organisation organisations structure structures steering committee members
central thirteen will can should must may would could has have had been be was were not only
but also within between across towards through about around after before during under over
which who where when how why what it its they them these those all some other such same
renovation heating buildings emissions adaptation resilience green blue infrastructure
transport cycling walking parking traffic safety health care education work economy jobs
diversity integration inclusion participation communication campaign website platform tools
open standards interoperability privacy security procurement contracts agreements decree
minister ministers parliament council councils mayor aldermen municipal municipalities
province intermunicipal association vvsg community commission brussels ghent antwerp leuven
bruges mechelen hasselt genk kortrijk ostend aalst roeselare turnhout sint-niklaas
""".split()

ENGLISH_TITLES = """
climate governance digital transition housing renovation urban mobility public space
data strategy poverty reduction social rights energy production cooperation funding
monitoring framework annual plan annual report programme note research report memorandum
smart cities neighbourhood approach staff policy european funding open data resilience
""".split()


def corpus_tokens():
    """Words of the real publications, in reading order, one list per paragraph."""
    paragraphs = []
    for path in sorted((REPO / "content" / "publicaties").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("+++"):
            end = text.find("\n+++", 3)
            text = text[end + 4:] if end != -1 else text
        text = re.sub(r"\]\([^)]*\)", "]", text)  # drop link targets, keep link text
        text = re.sub(r"\{#[^}]*\}", "", text)  # heading ids
        for block in re.split(r"\n\s*\n", text):
            words = WORD.findall(block)
            if len(words) >= 4:
                paragraphs.append(words)
    if not paragraphs:
        sys.exit(f"no Markdown found under {REPO / 'content' / 'publicaties'}")
    return paragraphs


class Chain:
    """A bigram chain over words; falls back to a random word at dead ends."""

    def __init__(self, paragraphs):
        self.follow = {}
        self.words = []
        for words in paragraphs:
            lowered = [w if w.isupper() and len(w) > 1 else w.lower() for w in words]
            self.words.extend(lowered)
            for a, b in zip(lowered, lowered[1:]):
                self.follow.setdefault(a, []).append(b)

    def sentence(self, rng, lo=8, hi=22):
        n = rng.randint(lo, hi)
        word = rng.choice(self.words)
        out = [word]
        while len(out) < n:
            options = self.follow.get(word)
            word = rng.choice(options) if options and rng.random() < 0.85 else rng.choice(self.words)
            out.append(word)
        return out


class Vocabulary:
    def __init__(self, words):
        self.words = words

    def sentence(self, rng, lo=8, hi=22):
        return [rng.choice(self.words) for _ in range(rng.randint(lo, hi))]


def capitalised(words):
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def slugify(text):
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    folded = folded.replace("’", "").replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def toml_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# ---------------------------------------------------------------------------------------------
# Site model: one plan, rendered twice (kennis and Hugo)
# ---------------------------------------------------------------------------------------------

def taxonomy_terms():
    """Term ids per taxonomy, read from the repository's site.toml."""
    config = tomllib.loads((REPO / "site.toml").read_text(encoding="utf-8"))
    return {t["name"]: list(t["terms"].keys()) for t in config["taxonomies"]}, config


class Text:
    """Generates the Markdown body of one document in one language."""

    LABELS = {
        "nl": {
            "summary": "Samenvatting",
            "see": "Zie ook",
            "table": ["Stad", "Indicator", "2023", "2024"],
            "note": "Bron: eigen verwerking van het Kenniscentrum op basis van gegevens van de steden.",
            "example": "Voorbeeld van een instelling",
        },
        "en": {
            "summary": "Summary",
            "see": "See also",
            "table": ["City", "Indicator", "2023", "2024"],
            "note": "Source: own processing by the Knowledge Centre based on data from the cities.",
            "example": "Example of a setting",
        },
    }

    def __init__(self, rng, source, lang, cities):
        self.rng = rng
        self.source = source
        self.lang = lang
        self.cities = cities
        self.words = 0

    def sentence(self, lo=8, hi=22):
        words = self.source.sentence(self.rng, lo, hi)
        self.words += len(words)
        if self.rng.random() < 0.15 and len(words) > 6:  # emphasis on a short span
            i = self.rng.randint(1, len(words) - 3)
            mark = self.rng.choice(["*", "**"])
            words = words[:i] + [f"{mark}{words[i]} {words[i + 1]}{mark}"] + words[i + 2:]
        end = self.rng.choice([".", ".", ".", ".", ";", ":"]) if len(words) > 14 else "."
        text = capitalised(words)
        return text + ("." if end in ";:" else end)

    def paragraph(self, lo=3, hi=6):
        return " ".join(self.sentence() for _ in range(self.rng.randint(lo, hi)))

    def heading(self, lo=2, hi=6):
        words = self.source.sentence(self.rng, lo, hi)
        self.words += len(words)
        return capitalised(words)

    def bullet_list(self):
        items = []
        for _ in range(self.rng.randint(4, 7)):
            items.append("- " + self.sentence(6, 16))
            if self.rng.random() < 0.15:
                items.append("  - " + self.sentence(4, 10))
        return "\n".join(items)

    def ordered_list(self):
        return "\n".join(f"{n}. " + self.sentence(6, 14) for n in range(1, self.rng.randint(3, 6) + 1))

    def table(self):
        head = self.LABELS[self.lang]["table"]
        rows = ["| " + " | ".join(head) + " |", "|---|---|--:|--:|"]
        for city in self.rng.sample(self.cities, 5):
            label = " ".join(self.source.sentence(self.rng, 2, 4))
            self.words += 2 + len(label.split())
            a = self.rng.randint(100, 99999)
            b = a + self.rng.randint(-500, 500)
            rows.append(f"| {city} | {label} | {a} | {b} |")
        return "\n".join(rows)

    def code(self):
        return "\n".join([
            "```toml",
            "[[taxonomies]]",
            'name = "thema"',
            'title = { nl = "Thema\'s", en = "Themes" }',
            f"weight = {self.rng.randint(1, 99)}",
            "```",
        ])


def body(rng, source, lang, cities, link, target_words, with_code):
    """The Markdown of one page: intro, sections with h2/h3, a list, a table, a link, a footnote."""
    t = Text(rng, source, lang, cities)
    labels = Text.LABELS[lang]
    out = [t.paragraph(2, 4) + "[^1]"]
    # Fixed places for the structures every page has, counted in h2 sections.
    placements = {"list": 0, "table": 1, "link": 2, "ordered": 3}
    section = 0
    while t.words < target_words - 120 or section < 3:
        out.append(f"## {t.heading()}")
        out.append(t.paragraph())
        if section == placements["list"]:
            out.append(t.bullet_list())
        if section == placements["table"]:
            out.append(t.table())
            out.append(f"*{labels['note']}*")
        if section == placements["link"]:
            text = t.heading(2, 4).lower()
            out.append(f"{t.paragraph(1, 2)} {labels['see']} [{text}]({link}). {t.sentence()}")
        if section == placements["ordered"]:
            out.append(t.ordered_list())
        if rng.random() < 0.6:
            out.append(f"### {t.heading()}")
            out.append(t.paragraph(2, 5))
        if with_code and section == 1:
            out.append(labels["example"] + ":")
            out.append(t.code())
        section += 1
        if section > 12:
            break
    out.append(f"## {labels['summary']} {{#samenvatting}}")
    out.append(t.paragraph(2, 4))
    out.append(f"[^1]: {t.sentence(6, 14)}")
    return "\n\n".join(out) + "\n", t.words


def plan(args):
    """Decide every document once (titles, dates, terms, links), for both generators."""
    rng = random.Random(args.seed)
    terms, config = taxonomy_terms()
    chain = Chain(corpus_tokens())
    english = Vocabulary(ENGLISH)

    sections = []
    used_section_slugs = set()
    for s in range(args.sections):
        title_nl = capitalised(chain.sentence(rng, 2, 5))
        slug = f"{s + 1:02d}-{slugify(title_nl)[:40].strip('-')}"
        while slug in used_section_slugs:
            slug += "-x"
        used_section_slugs.add(slug)
        title_en = capitalised([rng.choice(ENGLISH_TITLES) for _ in range(rng.randint(2, 4))])
        pages = []
        for p in range(args.pages):
            title_nl_p = capitalised(chain.sentence(rng, 3, 8))
            title_en_p = capitalised(english.sentence(rng, 3, 8))
            name = f"{p + 1:03d}-{slugify(' '.join(title_nl_p.split()[:4]))}".strip("-")
            en_slug = f"{p + 1:03d}-{slugify(' '.join(title_en_p.split()[:4]))}".strip("-")
            pages.append({
                "name": name,
                "en_slug": en_slug,
                "title": {"nl": title_nl_p, "en": title_en_p},
                "date": f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "weight": (p + 1) * 10,
                "taxonomies": {
                    "type": [rng.choice(terms["type"])],
                    "programma": [rng.choice(terms["programma"])],
                    "thema": rng.sample(terms["thema"], rng.randint(1, 3)),
                    "stad": rng.sample(terms["stad"], rng.randint(0, 4)),
                },
                "words": rng.randint(600, 1000),
                "code": rng.random() < args.code_share,
                "seed": rng.getrandbits(64),
            })
        sections.append({
            "slug": slug,
            "title": {"nl": title_nl, "en": title_en},
            "date": f"{rng.randint(2015, 2025)}-01-01",
            "weight": (s + 1) * 10,
            "type": rng.choice(terms["type"]),
            "programma": rng.choice(terms["programma"]),
            "pages": pages,
            "seed": rng.getrandbits(64),
        })

    # Every page links to one other page (half of them to its summary anchor) or a section.
    all_pages = [(s["slug"], p["name"]) for s in sections for p in s["pages"]]
    for s in sections:
        for p in s["pages"]:
            if rng.random() < 0.1:
                p["link"] = (rng.choice(sections)["slug"], None, None)
            else:
                target = rng.choice(all_pages)
                p["link"] = (target[0], target[1], "samenvatting" if rng.random() < 0.5 else None)
    cities = {lang: [config["taxonomies"][3]["terms"][c][lang] for c in terms["stad"]] for lang in ("nl", "en")}
    return {"sections": sections, "chain": chain, "english": english, "cities": cities,
            "terms": terms, "config": config}


def documents(site):
    """Yield (relative path without language suffix, lang, front matter dict, Markdown body)."""
    chain, english = site["chain"], site["english"]
    yield "_index", "nl", {"title": "Kenniscentrum Vlaamse Steden",
                           "description": "Benchmark-site met gegenereerde publicaties."}, \
        "Het Kenniscentrum wil de stedelijkheid in Vlaanderen versterken.\n"
    yield "_index", "en", {"title": "Knowledge Centre for Flemish Cities",
                           "description": "Benchmark site with generated publications."}, \
        "The Knowledge Centre wants to strengthen urbanity in Flanders.\n"
    yield "publicaties/_index", "nl", {"title": "Publicaties", "weight": 10,
                                       "description": "Alle gegenereerde publicaties."}, \
        "Startnota's, jaarplannen, jaarverslagen, memoranda en onderzoeksrapporten.\n"
    yield "publicaties/_index", "en", {"title": "Publications", "weight": 10,
                                       "description": "All generated publications."}, \
        "Programme notes, annual plans, annual reports, memoranda and research reports.\n"
    for s in site["sections"]:
        for lang in ("nl", "en"):
            rng = random.Random(s["seed"] + (lang == "en"))
            source = chain if lang == "nl" else english
            t = Text(rng, source, lang, site["cities"][lang])
            front = {
                "title": s["title"][lang],
                "date": s["date"],
                "description": t.sentence(12, 24),
                "weight": s["weight"],
                "taxonomies": {"type": [s["type"]], "programma": [s["programma"]]},
            }
            yield f"publicaties/{s['slug']}/_index", lang, front, t.paragraph(2, 4) + "\n"
        for p in s["pages"]:
            for lang in ("nl", "en"):
                rng = random.Random(p["seed"] + (lang == "en"))
                source = chain if lang == "nl" else english
                description = Text(rng, source, lang, []).sentence(14, 28)
                front = {
                    "title": p["title"][lang],
                    "date": p["date"],
                    "description": description,
                    "weight": p["weight"],
                    "taxonomies": {k: v for k, v in p["taxonomies"].items() if v},
                }
                if lang == "en":
                    front["slug"] = p["en_slug"]
                markdown, _ = body(rng, source, lang, site["cities"][lang], "@LINK@",
                                   p["words"], p["code"])
                yield f"publicaties/{s['slug']}/{p['name']}", lang, front, (markdown, p["link"])


def front_matter(front, taxonomy_key):
    lines = ["+++"]
    for key in ("title", "slug", "date", "description", "weight"):
        if key in front:
            value = front[key]
            if key == "date":
                lines.append(f"date = {value}")
            elif isinstance(value, int):
                lines.append(f"{key} = {value}")
            else:
                lines.append(f"{key} = {toml_string(value)}")
    taxonomies = front.get("taxonomies") or {}
    if taxonomies:
        if taxonomy_key is None:
            lines.append("")
            lines.append("[taxonomies]")
            for name, values in taxonomies.items():
                lines.append(f"{name} = [{', '.join(toml_string(v) for v in values)}]")
        else:
            for name, values in taxonomies.items():
                lines.append(f"{taxonomy_key(name)} = [{', '.join(toml_string(v) for v in values)}]")
    lines.append("+++")
    return "\n".join(lines) + "\n"


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def fresh(folder):
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)


# ---------------------------------------------------------------------------------------------
# kennis
# ---------------------------------------------------------------------------------------------

def kennis_link(link):
    section, page, anchor = link
    target = f"@/publicaties/{section}/{page or '_index'}.md"
    return target + (f"#{anchor}" if anchor else "")


def copy_footer_pages(folder):
    """The pages the copied site.toml's footer links to, with their translations: the build refuses
    a footer link to a missing page."""
    config = tomllib.loads((REPO / "site.toml").read_text(encoding="utf-8"))
    for link in config.get("footer", {}).get("links", []):
        source = Path(link["page"].removeprefix("@/"))
        for translation in (source, source.with_suffix(".en.md")):
            if (REPO / "content" / translation).exists():
                write(folder / "content" / translation, (REPO / "content" / translation).read_text(encoding="utf-8"))


def kennis_site(site, folder, copy_themes):
    fresh(folder)
    shutil.copy(REPO / "site.toml", folder / "site.toml")
    copy_footer_pages(folder)
    if copy_themes:
        shutil.copytree(REPO / "themes", folder / "themes")
    else:
        (folder / "themes").symlink_to(REPO / "themes", target_is_directory=True)
    count = 0
    words = 0
    for rel, lang, front, content in documents(site):
        if isinstance(content, tuple):
            markdown, link = content
            markdown = markdown.replace("@LINK@", kennis_link(link))
        else:
            markdown = content
        words += len(markdown.split())
        suffix = "" if lang == "nl" else f".{lang}"
        write(folder / "content" / f"{rel}{suffix}.md", front_matter(front, None) + "\n" + markdown)
        count += 1
    return count, words


# ---------------------------------------------------------------------------------------------
# Hugo
# ---------------------------------------------------------------------------------------------

# `type` is a reserved front-matter key in Hugo (the content type), so that taxonomy is `soort` there.
HUGO_TAXONOMY = {"type": "soort", "programma": "programma", "thema": "thema", "stad": "stad"}


def hugo_link(link):
    section, page, anchor = link
    target = f"/publicaties/{section}" + (f"/{page}" if page else "")
    return '{{< ref "' + target + '" >}}' + (f"#{anchor}" if anchor else "")


def hugo_config(config):
    nl, en = config["languages"]
    lines = [
        f'baseURL = {toml_string(config["base_url"])}',
        'defaultContentLanguage = "nl"',
        "defaultContentLanguageInSubdir = true",
        "enableRobotsTXT = true",
        "rssLimit = 100",  # kennis writes the newest 100 entries per language
        "disableHugoGeneratorInject = true",
        "",
        "[outputs]",
        'home = ["HTML", "RSS"]',
        'section = ["HTML"]',
        'page = ["HTML"]',
        'taxonomy = ["HTML"]',
        'term = ["HTML"]',
        "",
        "[taxonomies]",
    ]
    lines += [f'{v} = "{v}"' for v in HUGO_TAXONOMY.values()]
    lines += [
        "",
        "[markup.goldmark.extensions]",
        "typographer = true",
        "footnote = true",
        "table = true",
        "strikethrough = true",
        "taskList = true",
        "[markup.goldmark.parser]",
        "autoHeadingID = true",
        "[markup.goldmark.parser.attribute]",
        "title = true",
        "[markup.highlight]",
        "codeFences = true",
        "noClasses = false",  # CSS classes, like kennis
        "guessSyntax = false",
        "[markup.tableOfContents]",
        "startLevel = 2",
        "endLevel = 3",
        "ordered = true",
        "",
    ]
    for weight, lang in enumerate((nl, en), start=1):
        lines += [
            f"[languages.{lang['code']}]",
            f"weight = {weight}",
            f'languageCode = {toml_string(lang["locale"])}',
            f'languageName = {toml_string("Nederlands" if lang["code"] == "nl" else "English")}',
            f'title = {toml_string(lang["title"])}',
            f"[languages.{lang['code']}.params]",
            f'description = {toml_string(lang["description"])}',
            "",
        ]
    return "\n".join(lines)


# Layouts written for this benchmark: the same page structure as the kenniscentrum theme
# (skip link, header with language switcher and navigation, breadcrumbs, document header with type,
# dates and reading time, table of contents, prose, terms, previous/next, listings).
LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html>
<html lang="{{ .Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ block "title" . }}{{ .Site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ .Site.Params.description }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}{{ with .Site.Home.OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" title="{{ $.Site.Title }}" href="{{ .Permalink }}">{{ end }}
{{ $css := resources.Get "css/site.css" | fingerprint }}<link rel="stylesheet" href="{{ $css.RelPermalink }}">
</head>
<body>
<a class="skip-link" href="#main">{{ i18n "skip_to_content" }}</a>
<header class="site-header">
  <div class="site-header__inner">
    <a class="site-title" href="{{ .Site.Home.RelPermalink }}"><span class="site-title__mark" aria-hidden="true"></span><span class="site-title__text">{{ .Site.Title }}</span></a>
    {{ partial "language_switcher.html" . }}
  </div>
  <nav class="site-nav" aria-label="{{ i18n "main_navigation" }}">
    <ul>
      {{ $current := . }}{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}"{{ if $current.IsDescendant . }} aria-current="page"{{ end }}>{{ .Title }}</a></li>
      {{ end }}{{ range $name, $terms := .Site.Taxonomies }}{{ with $.Site.GetPage $name }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
      {{ end }}
    </ul>
  </nav>
</header>
<main id="main" tabindex="-1">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer">
  <div class="site-footer__inner">
    <p>{{ .Site.Title }} · {{ i18n "footer_about" }}</p>
    {{ with .Site.Home.OutputFormats.Get "rss" }}<p><a href="{{ .RelPermalink }}">{{ i18n "feed" }}</a></p>{{ end }}
  </div>
</footer>
</body>
</html>
""",
    "partials/language_switcher.html": """<nav class="language-switcher" aria-label="{{ i18n "choose_language" }}">
  <ul>
  {{ $current := .Language.Lang }}{{ range .AllTranslations }}
    {{ if eq .Language.Lang $current }}<li><span class="language-switcher__current" lang="{{ .Language.Lang }}" aria-current="true">{{ .Language.LanguageName }}</span></li>
    {{ else }}<li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}" lang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a></li>{{ end }}
  {{ end }}
  </ul>
</nav>
""",
    "partials/breadcrumbs.html": """<nav class="breadcrumbs" aria-label="{{ i18n "breadcrumbs" }}">
  <ol>
  {{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
  {{ end }}<li><span aria-current="page">{{ .Title }}</span></li>
  </ol>
</nav>
""",
    "partials/document_header.html": """<header class="document-header">
  {{ with .GetTerms "soort" }}<p class="document-header__type">{{ range $i, $t := . }}{{ if $i }} · {{ end }}{{ $t.Title }}{{ end }}</p>{{ end }}
  <h1>{{ .Title }}</h1>
  <p class="document-header__meta">
    {{ if not .Date.IsZero }}<span>{{ i18n "published" }} <time datetime="{{ .Date.Format "2006-01-02" }}">{{ time.Format ":date_long" .Date }}</time></span>{{ end }}
    {{ if gt .WordCount 0 }}<span>{{ replace (i18n "reading_time") "{minutes}" (string .ReadingTime) }}</span>{{ end }}
  </p>
</header>
""",
    "partials/terms.html": """{{ $page := . }}<dl class="terms">
{{ range $name, $_ := .Site.Taxonomies }}{{ with $page.GetTerms $name }}
  <dt>{{ with $page.Site.GetPage $name }}{{ .Title }}{{ end }}</dt>
  <dd><ul>{{ range . }}<li><a class="chip" href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></dd>
{{ end }}{{ end }}
</dl>
""",
    "partials/listing.html": """<ul class="listing">
{{ range . }}
  <li class="listing__item">
    <h3 class="listing__title"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
    <p class="listing__meta">{{ range .GetTerms "soort" }}<span class="listing__type">{{ .Title }}</span> {{ end }}{{ if not .Date.IsZero }}<time datetime="{{ .Date.Format "2006-01-02" }}">{{ time.Format ":date_long" .Date }}</time>{{ end }}</p>
    {{ with .Description }}<p class="listing__description">{{ . }}</p>{{ end }}
  </li>
{{ end }}
</ul>
""",
    "_default/single.html": """{{ define "title" }}{{ .Title }} · {{ .Site.Title }}{{ end }}
{{ define "main" }}
{{ partial "breadcrumbs.html" . }}
<article class="document">
  {{ partial "document_header.html" . }}
  <div class="document__body">
    {{ if gt (len .Fragments.Identifiers) 1 }}<nav class="toc" aria-labelledby="toc-title">
      <h2 id="toc-title" class="toc__title">{{ i18n "on_this_page" }}</h2>
      {{ .TableOfContents }}
    </nav>{{ end }}
    <div class="prose">
{{ .Content }}
    </div>
  </div>
  <footer class="document-footer">
    {{ partial "terms.html" . }}
    {{ if or .PrevInSection .NextInSection }}
    <nav class="pager" aria-label="{{ i18n "chapter_navigation" }}">
      {{ with .NextInSection }}<a class="pager__previous" href="{{ .RelPermalink }}" rel="prev"><span class="pager__label">{{ i18n "previous" }}</span> {{ .Title }}</a>{{ end }}
      {{ with .PrevInSection }}<a class="pager__next" href="{{ .RelPermalink }}" rel="next"><span class="pager__label">{{ i18n "next" }}</span> {{ .Title }}</a>{{ end }}
    </nav>
    {{ end }}
  </footer>
</article>
{{ end }}
""",
    "_default/list.html": """{{ define "title" }}{{ .Title }} · {{ .Site.Title }}{{ end }}
{{ define "main" }}
{{ partial "breadcrumbs.html" . }}
<article class="document document--section">
  {{ partial "document_header.html" . }}
  {{ with .Content }}<div class="prose">
{{ . }}
  </div>{{ end }}
  {{ with .Sections }}
  <section class="section-list" aria-labelledby="subsections-title">
    <h2 id="subsections-title">{{ i18n "sections" }}</h2>
    {{ partial "listing.html" . }}
  </section>
  {{ end }}
  {{ with .RegularPages }}
  <section class="section-list" aria-labelledby="pages-title">
    <h2 id="pages-title">{{ i18n "chapters" }}</h2>
    <ol class="chapters">
    {{ range . }}
      <li>
        <a href="{{ .RelPermalink }}">{{ .Title }}</a>
        {{ with .Description }}<p>{{ . }}</p>{{ end }}
      </li>
    {{ end }}
    </ol>
  </section>
  {{ end }}
  <footer class="document-footer">{{ partial "terms.html" . }}</footer>
</article>
{{ end }}
""",
    "index.html": """{{ define "main" }}
<section class="hero">
  <h1>{{ .Title }}</h1>
  {{ with .Content }}<div class="hero__lead">{{ . }}</div>{{ end }}
</section>
{{ range $i, $s := .Sections }}
<section class="home-section" aria-labelledby="home-{{ $i }}">
  <h2 id="home-{{ $i }}"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
  {{ with .Sections }}{{ partial "listing.html" . }}{{ end }}
</section>
{{ end }}
<section class="home-section" aria-labelledby="home-explore">
  <h2 id="home-explore">{{ i18n "explore" }}</h2>
  <ul class="explore">
  {{ range $name, $_ := .Site.Taxonomies }}{{ with $.Site.GetPage $name }}<li><a class="chip" href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}
  </ul>
</section>
{{ end }}
""",
    "_default/taxonomy.html": """{{ define "title" }}{{ .Title }} · {{ .Site.Title }}{{ end }}
{{ define "main" }}
<article class="document">
  <header class="document-header"><h1>{{ .Title }}</h1></header>
  <ul class="term-list">
  {{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> <span class="count">{{ .Count }}</span></li>
  {{ end }}
  </ul>
</article>
{{ end }}
""",
    "_default/term.html": """{{ define "title" }}{{ .Title }} · {{ .Parent.Title }} · {{ .Site.Title }}{{ end }}
{{ define "main" }}
<nav class="breadcrumbs" aria-label="{{ i18n "breadcrumbs" }}">
  <ol><li><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a></li><li><a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a></li><li><span aria-current="page">{{ .Title }}</span></li></ol>
</nav>
<article class="document">
  <header class="document-header">
    <p class="document-header__type">{{ .Parent.Title }}</p>
    <h1>{{ .Title }}</h1>
    <p class="document-header__meta"><span>{{ replace (i18n "item_count") "{count}" (string (len .Pages)) }}</span></p>
  </header>
  {{ partial "listing.html" .Pages }}
</article>
{{ end }}
""",
    "404.html": """{{ define "title" }}{{ i18n "not_found_title" }}{{ end }}
{{ define "main" }}
<article class="document not-found">
  <h1>{{ i18n "not_found_title" }}</h1>
  <p>{{ i18n "not_found_text" }}</p>
  <p><a href="{{ .Site.Home.RelPermalink }}">{{ i18n "go_home" }}</a></p>
</article>
{{ end }}
""",
}


def hugo_site(site, folder):
    fresh(folder)
    config = site["config"]
    write(folder / "config.toml", hugo_config(config))
    for name, text in LAYOUTS.items():
        write(folder / "layouts" / name, text)
    theme = REPO / "themes" / config["theme"]
    (folder / "i18n").mkdir()
    for lang in ("nl", "en"):  # the theme's UI strings (flat `key = "text"` TOML, which Hugo reads too)
        shutil.copy(theme / "i18n" / f"{lang}.toml", folder / "i18n" / f"{lang}.toml")
    (folder / "assets" / "css").mkdir(parents=True)
    shutil.copy(theme / "static" / "css" / "site.css", folder / "assets" / "css" / "site.css")
    # Translated taxonomy titles and term labels, as Hugo sites do it: a content file per term.
    for taxonomy in config["taxonomies"]:
        key = HUGO_TAXONOMY[taxonomy["name"]]
        for lang in ("nl", "en"):
            suffix = "" if lang == "nl" else f".{lang}"
            write(folder / "content" / key / f"_index{suffix}.md",
                  f"+++\ntitle = {toml_string(taxonomy['title'][lang])}\n+++\n")
            for term, labels in taxonomy["terms"].items():
                write(folder / "content" / key / term / f"_index{suffix}.md",
                      f"+++\ntitle = {toml_string(labels[lang])}\n+++\n")
    count = 0
    for rel, lang, front, content in documents(site):
        if isinstance(content, tuple):
            markdown, link = content
            markdown = markdown.replace("@LINK@", hugo_link(link))
        else:
            markdown = content
        suffix = "" if lang == "nl" else f".{lang}"
        write(folder / "content" / f"{rel}{suffix}.md",
              front_matter(front, lambda name: HUGO_TAXONOMY[name]) + "\n" + markdown)
        count += 1
    return count


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kennis", type=Path, help="folder for the kennis site (replaced)")
    parser.add_argument("--hugo", type=Path, help="folder for the Hugo site (replaced)")
    parser.add_argument("--sections", type=int, default=50, help="publication sections (default 50)")
    parser.add_argument("--pages", type=int, default=100, help="pages per section and language (default 100)")
    parser.add_argument("--code-share", type=float, default=0.1,
                        help="share of pages with a fenced code block (default 0.1)")
    parser.add_argument("--seed", type=int, default=20250601)
    parser.add_argument("--copy-themes", action="store_true",
                        help="copy the repository's themes/ instead of linking to it")
    parser.add_argument("--repo", type=Path, default=REPO,
                        help="kennis checkout to take site.toml, themes/ and the word corpus from "
                             "(default: the one holding this script)")
    args = parser.parse_args()
    globals()["REPO"] = args.repo.resolve()
    if not args.kennis and not args.hugo:
        parser.error("give --kennis DIR and/or --hugo DIR")
    site = plan(args)
    if args.kennis:
        count, words = kennis_site(site, args.kennis, args.copy_themes)
        print(f"kennis site: {count} Markdown files, {words} words (incl. markup) in {args.kennis}")
    if args.hugo:
        count = hugo_site(site, args.hugo)
        print(f"hugo site:   {count} Markdown files (plus taxonomy term files) in {args.hugo}")


if __name__ == "__main__":
    main()
