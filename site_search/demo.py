"""Demo synonyms: words people search for that the site's own pages put differently."""

from .models import Synonym

DEMO_SYNONYMS = {
    "incontinence": "continence",
    "ci": "Care Inspectorate",
    "nursery": "early learning and childcare",
    "childminder": "childminding",
    "complaint": "complain",
    "sms": "text",
}


def load(stdout=None) -> int:
    created = 0
    for word, also_finds in DEMO_SYNONYMS.items():
        _, was_created = Synonym.objects.get_or_create(word=word, defaults={"also_finds": also_finds})
        created += was_created
    if stdout:
        stdout.write(f"Search synonyms created: {created}")
    return created
