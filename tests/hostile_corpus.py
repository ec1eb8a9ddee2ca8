"""A corpus of hostile inputs, written by the tests themselves into a folder.

Each entry names a file (or link) and what crosscheck must do with it: the
text its one warning line must contain (None: read without a warning), and
whether the file is skipped. The articles that survive are about events far
from the seeds' (a storm, a water main, a city council), so adding them to a
run over the seeds must not change one seed finding.
"""
from __future__ import annotations

import codecs
import os
from dataclasses import dataclass
from pathlib import Path

FIFTY_MB = 50_000_000


@dataclass(frozen=True)
class Expect:
    name: str  # relative to the corpus folder, as crosscheck shows it (its source id)
    warning: str | None  # substring of the file's one warning line; None: no warning
    skipped: bool  # not among the run's sources
    on_disk: str | None = None  # the file's real name, where it is not valid UTF-8


STORM = """Storm floods coastal town
A powerful storm flooded the coastal town of Port Avery on Sunday night, forcing about 300 residents from their homes, officials said.
The harbour master said the sea rose by nearly two metres within an hour and that several fishing boats had sunk at their moorings.
Emergency crews rescued 14 people from the roofs of cars on the seafront road, the fire service said on Monday.
The mayor said the town would apply for disaster relief and that schools would stay closed until Wednesday.
"""

LATIN1 = """Café owner rebuilds after fire
The owner of the Café Lumière, José Muñoz, said on Tuesday that he would reopen his restaurant by the end of the summer.
A fire destroyed the kitchen and the façade of the building last month, and the damage was estimated at £250,000.
Mr Muñoz said the insurers had agreed to pay for most of the work, which will take about four months.
Neighbours have raised more than £12,000 for the 23 staff who lost their wages while the café is closed.
"""

CP1252 = """Council approves “road tax” plan
The city council approved a new road tax on Thursday after a three-hour debate — the first increase in a decade.
Drivers will pay €40 a year from January, and the money will go to repairs of 120 kilometres of roads, the council said.
Critics called the plan “unfair to commuters” and said that the council’s own survey showed most residents were against it.
The measure passed by 31 votes to 18, with two members abstaining… and the opposition said it would challenge it in court.
"""

UTF16 = """Library extends opening hours
The central library will open until 10 p.m. on weekdays from next month, the city's culture office said on Friday.
The change follows a petition signed by more than 2,000 students who said they had nowhere quiet to study in the evening.
The library will hire six more staff to cover the extra hours, at a cost of about $300,000 a year.
"""

BOM_FRONT_MATTER = """---
title: "Bridge reopens after repairs"
source: "Valley Courier"
date: 2021-05-04
---
The Old Mill bridge reopened to traffic on Tuesday after eight months of repairs that cost $4.2 million, the county said.
Engineers replaced the steel deck and repainted the arches, and the weight limit was raised to 40 tonnes.
Local shop owners said the closure had cut their sales by about a third since last autumn.
"""

MIXED_ENDINGS = ("Hospital opens new wing\r\n"
                 "The regional hospital opened a new cancer wing on Monday with 48 beds and two operating theatres.\r\n"
                 "The wing cost $65 million and was paid for partly by a public appeal that raised $12 million.\r"
                 "Doctors said the new wing would cut waiting times for treatment by about six weeks.\n"
                 "The health minister, who attended the opening, said three more wings would follow by 2027.\r\n")

MARKDOWN = """---
title: "Hackers hit city payment page <script>alert(1)</script> | # pwned"
source: "Metro `Desk` **News**"
url: "javascript:alert(document.cookie)"
---
# City payment page hacked

Attackers inserted <script>steal()</script> code into the city's parking payment page on Friday and took the card details of 1,200 residents, officials said.

<!-- editor's note: the leaked figure is 1,900 according to a second source -->

| date | cards |
| --- | --- |
| Friday | 1,200 |

The city said that anyone who paid a parking fine between March 3 and March 9 should call their bank, see [the notice](javascript:alert(1)) for details.

A spokesman said the page showed `**urgent**` warnings in red \x1b[31mPAY NOW\x1b[0m to trick users, and that # signs and | pipes appeared in the fake form.

<script>
document.write("The city paid a ransom of $50 million, officials said.");
</script>

The police said they had arrested two men, aged 19 and 22, in connection with the attack on Sunday.
"""

MARKDOWN_ECHO = """City parking site breached
Attackers inserted <script>steal()</script> code into the city's parking payment page on Friday and took the card details of 1,200 residents, officials said.
The city has since taken the page offline and hired an outside firm to review its other websites, a spokesman said.
Two men, aged 19 and 22, were arrested by the police on Sunday in connection with the attack.
"""  # one sentence printed word for word, not a copy of the story (compare.syndication): its agreement counts

GERMAN = """Stadtrat beschließt neuen Haushalt
Der Stadtrat hat am Montag nach einer langen Debatte den neuen Haushalt beschlossen. Er wurde mit sieben gegen zwei Stimmen angenommen, und der Bürgermeister sagte, das Geld solle in Schulen und Straßen fließen.
Die Anwohner, die an der Sitzung teilnahmen, waren über den Plan geteilt, der die Grundsteuer um drei Prozent erhöht.
"""

BROKEN_FRONT_MATTER = """---
title: [unclosed
date: 2020-01-01
---
The school board voted on Wednesday to keep the district's four-day week for another year, citing lower staff turnover.
Teachers' union leaders said the shorter week had helped the district hire 35 new teachers since it began in 2019.
"""

WRONG_TYPES = """---
title: [a list, not a title]
date: yesterday
---
The ferry company said on Thursday that it would add a second evening crossing to the island from July.
The company carried 1.3 million passengers last year, up from 900,000 the year before, it said.
"""

GOOD = """{title}
The county fair drew a record crowd of {n:,} visitors over its five days, the organisers said on Monday.
Livestock judging and a tractor pull were the most popular events, and ticket sales rose by {p} percent on last year.
The organisers said they would add a second parking field next year to ease the traffic on the county road.
"""

REPEATED_SENTENCE = "The water company said the supply to the north of the city would be restored by Friday evening. "


def _write(path: Path, data: bytes | str) -> None:
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


def build(root: Path) -> list[Expect]:
    """Write the corpus under ``root`` (created) and return what each entry must give.

    ``locked.txt`` is chmod 000; where that does not block reading (root),
    the caller must make reading it raise PermissionError (see
    ``chmod_blocks_reading``) for the expectation to hold.
    """
    root.mkdir(parents=True, exist_ok=True)
    expect: list[Expect] = []

    def add(name: str, data: bytes | str | None, warning: str | None, skipped: bool = False) -> None:
        if data is not None:
            _write(root / name, data)
        expect.append(Expect(name, warning, skipped))

    add("empty.txt", b"", "empty file", skipped=True)
    add("whitespace only.txt", b"  \n\t\n   \r\n", "no text (whitespace only)", skipped=True)
    add("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 8,
        "binary file (a PNG image)", skipped=True)
    add("nul-bytes.txt", b"Some words\x00\x00\x00\x00 and more\x00\x00\x00\x00\x00\x00" * 200,
        "binary file (NUL bytes)", skipped=True)
    add("latin1.txt", LATIN1.encode("latin-1"), None)
    add("windows-1252.txt", CP1252.encode("cp1252"), None)
    add("utf16.txt", UTF16.encode("utf-16"), None)  # Python writes a BOM for "utf-16"
    add("utf8-bom.md", codecs.BOM_UTF8 + BOM_FRONT_MATTER.encode("utf-8"), None)
    add("mixed-endings.txt", MIXED_ENDINGS.encode("utf-8"), None)
    head = "A water main broke downtown on Tuesday, flooding three streets. "
    tail = " Crews restored water to 4,000 homes on Wednesday, the water company said."
    blob = "".join(chr(65 + (i * 7919) % 26) + str(i % 10) for i in range(100_000))  # pasted base64-like data
    line = head + blob[: 200_000 - len(head) - len(tail)] + tail
    assert len(line) == 200_000
    add("one-long-line.txt", line, "only the first")
    with open(root / "fifty-mb.txt", "wb") as handle:  # a real 50 MB file of text
        chunk = (REPEATED_SENTENCE * 10_000).encode()
        for _ in range(FIFTY_MB // len(chunk)):
            handle.write(chunk)
        handle.write(b"x" * (FIFTY_MB - handle.tell()))
    add("fifty-mb.txt", None, "over the limit of 5,000,000 (--max-bytes)", skipped=True)
    add("saved-page.txt", "<!DOCTYPE html>\n<html><head><title>Storm</title><script>var x = 1;</script></head>\n"
        "<body><p>" + STORM + "</p></body></html>\n", "a saved web page (HTML)", skipped=True)
    add("markdown-tricks.md", MARKDOWN.replace("\\x1b", "\x1b"), None)
    add("markdown echo.txt", MARKDOWN_ECHO, None)
    add("storm.txt", STORM, None)
    add("wire-copy.txt", STORM, "same text as", skipped=True)
    add("repeated-sentence.txt",
        "Water supply cut\n" + "\n".join(REPEATED_SENTENCE * 50 for _ in range(100)) + "\n",
        "the same sentences repeat many times")
    add("county fair report.txt", GOOD.format(title="Fair draws record crowd", n=182_000, p=12), None)
    add("ünïcödé façade Ωμέγα.txt", GOOD.format(title="Harvest festival returns", n=41_500, p=7)
        .replace("county fair", "harvest festival"), None)
    latin1_name = os.fsdecode(b"r\xe9sum\xe9 of the week.txt")  # a name that is not UTF-8
    _write(root / latin1_name, GOOD.format(title="Ploughing match returns", n=3_100, p=9)
           .replace("county fair", "ploughing match"))
    expect.append(Expect("r\\xe9sum\\xe9 of the week.txt", None, False, on_disk=latin1_name))
    add("-leading-dash.md", GOOD.format(title="Rodeo sells out", n=9_800, p=31).replace("county fair", "rodeo"), None)
    os.symlink(".", root / "loop")
    add("loop", None, "link to a folder, not followed", skipped=True)
    os.symlink("no-such-target.txt", root / "dangling.txt")
    add("dangling.txt", None, "cannot read (broken link)", skipped=True)
    os.mkfifo(root / "named-pipe.txt")
    add("named-pipe.txt", None, "not a regular file", skipped=True)
    _write(root / "locked.txt", GOOD.format(title="Marathon route changes", n=25_000, p=5).replace("county fair", "marathon"))
    os.chmod(root / "locked.txt", 0)  # see chmod_blocks_reading: root reads it anyway
    add("locked.txt", None, "cannot read (Permission denied)", skipped=True)
    add("broken-front-matter.md", BROKEN_FRONT_MATTER, "front matter is not valid YAML")
    add("wrong-types.md", WRONG_TYPES, "front matter date 'yesterday' is not a YYYY-MM-DD date")
    add("german.txt", GERMAN, "not English", skipped=True)
    return expect


def chmod_blocks_reading(path: Path) -> bool:
    """False when running as root (or with CAP_DAC_OVERRIDE): chmod 000 does not stop reading."""
    try:
        with open(path, "rb"):
            return False
    except PermissionError:
        return True
