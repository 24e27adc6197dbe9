"""The last stage of every complaint: the Scottish Public Services Ombudsman (SPSO), named once."""

SPSO_NAME = "Scottish Public Services Ombudsman (SPSO)"
SPSO_URL = "https://www.spso.org.uk/"


def final_stage_sentence() -> str:
    """The sentence that ends the confirmation and every final response (outcome) to a complainant."""
    return (
        "If you are still unhappy after our final response, you can ask the "
        f"{SPSO_NAME} to look at it: {SPSO_URL}"
    )
