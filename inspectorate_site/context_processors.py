from django.conf import settings


def _international(uk_number: str) -> str:
    """'0345 600 9527' -> '+443456009527', for tel: and sms: links."""
    return "+44" + uk_number.replace(" ", "")[1:]


def site(request):
    """Facts every page shows: the site's name and how to reach us."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "CONTACT_PHONE": settings.CONTACT_PHONE,
        "CONTACT_PHONE_TEL": _international(settings.CONTACT_PHONE),
        "CONTACT_HOURS": settings.CONTACT_HOURS,
        "TEXT_TO_COMPLAIN_NUMBER": settings.TEXT_TO_COMPLAIN_NUMBER,
        "TEXT_TO_COMPLAIN_TEL": _international(settings.TEXT_TO_COMPLAIN_NUMBER),
    }
