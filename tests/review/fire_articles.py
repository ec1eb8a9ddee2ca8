"""Three short reports of one warehouse fire, for the review and gate tests (not the seeds)."""
import textwrap


def article(title: str, outlet: str, body: str, date: str = "2023-03-14", front_matter: bool = True) -> str:
    body = textwrap.dedent(body).strip() + "\n"
    if not front_matter:
        return f"{title}\n{body}"
    return f"---\ntitle: {title}\nsource: {outlet}\ndate: {date}\n---\n{body}"


# Two reports of one fire that differ on two numbers (deaths: high, firefighters hurt: medium).
TIMES = article("Warehouse fire kills 12 in Riverside", "Riverside Times", """
    A fire at a furniture warehouse in Riverside killed 12 people on Monday night, fire officials said.
    The blaze injured 30 firefighters who fought the flames for more than four hours.
    Investigators have not yet determined what caused the fire at the warehouse.
    The warehouse employed 80 workers, according to the company that owns the building.
""")
HERALD = article("Deadly blaze at Riverside furniture warehouse", "Valley Herald", """
    A fire at a furniture warehouse in Riverside killed 15 people on Monday night, fire officials said.
    The blaze injured 34 firefighters who fought the flames for more than four hours.
    Investigators have not yet determined what caused the fire at the warehouse.
""")
# A later report that contradicts the Times on the size of the workforce only.
GAZETTE = article("Riverside warehouse owner vows to rebuild", "Evening Gazette", """
    The owner of the Riverside furniture warehouse destroyed by fire on Monday night vowed to rebuild.
    Investigators have not yet determined what caused the fire at the warehouse.
    The warehouse employed 60 workers, according to the company that owns the building.
""")
