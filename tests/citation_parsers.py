"""Reads citation files with the parsers reference managers' users rely on, for tests/metadata.rs.

Each argument is a .bib or .ris file; the output is one JSON object mapping each path to what the
parser made of it. BibTeX goes through bibtexparser (2.x), RIS through rispy; a block either parser
cannot read is reported, never dropped.
"""

import json
import sys

import bibtexparser
import rispy


def read_bibtex(path):
    library = bibtexparser.parse_file(path)
    return {
        "entries": [
            {
                "entry_type": entry.entry_type,
                "key": entry.key,
                "fields": {field.key: field.value for field in entry.fields},
            }
            for entry in library.entries
        ],
        "failed_blocks": [block.raw for block in library.failed_blocks],
    }


def read_ris(path):
    with open(path, encoding="utf-8", newline="") as file:
        text = file.read()
    return {
        "entries": rispy.loads(text),
        "line_endings": sorted({"crlf" if line.endswith("\r\n") else "lf" for line in text.splitlines(True)}),
    }


def main(paths):
    parsed = {}
    for path in paths:
        parsed[path] = read_bibtex(path) if path.endswith(".bib") else read_ris(path)
    json.dump(parsed, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1:])
